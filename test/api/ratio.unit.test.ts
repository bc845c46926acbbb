/** api/common/ratio.ts: a share of an empty whole is undefined (null), and ClickHouse's 1 / 0 flags. */
import { flag, ratio } from '../../api/common/ratio';

test('a ratio of a non-empty whole is part / whole, 0 and 1 included', () => {
  expect(ratio(1, 4)).toBe(0.25);
  expect(ratio(0, 3)).toBe(0);
  expect(ratio(3, 3)).toBe(1);
  expect(ratio(5, 4)).toBe(1.25);
});

test('a ratio of an empty whole is null, never 0 or 100 %', () => {
  expect(ratio(0, 0)).toBeNull();
  expect(ratio(7, 0)).toBeNull();
});

test('a flag reads 1 / 0 and booleans, and keeps null', () => {
  expect(flag(1)).toBe(true);
  expect(flag(0)).toBe(false);
  expect(flag(true)).toBe(true);
  expect(flag(false)).toBe(false);
  expect(flag(null)).toBeNull();
});
