/**
 * 统一社会信用代码 check character (GB 32100-2015), domain/uscc.ts. Worked by hand for
 * 91350100M000100Y4: Σ value × 3^i mod 31 over the 17 characters is 1640; 1640 mod 31 = 28; 31 − 28 = 3.
 */
import { usccCheckCharacter, usccProblem, withUsccCheck } from '../../domain/uscc';

test('the check character of known codes', () => {
  expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
  // The fixture's 太原小店乙煤业: Σ = 1702, mod 31 = 28 → 3
  expect(usccCheckCharacter('91140105MA0GRC002')).toBe('3');
});

test('a body whose weighted sum is a multiple of 31 has check character 0, not the 31st', () => {
  expect(usccCheckCharacter('00000000000000000')).toBe('0');
  // 1 × 30 (weight of position 15) + 1 × 1 (position 0) = 31
  expect(usccCheckCharacter('10000000000000010')).toBe('0');
});

test('a body of the wrong length or outside the alphabet (I, O, Z, S, V, lower case) has none', () => {
  expect(usccCheckCharacter('9135010')).toBeUndefined();
  expect(usccCheckCharacter('91350100M000100Y43')).toBeUndefined();
  for (const letter of ['I', 'O', 'Z', 'S', 'V', 'a']) expect(usccCheckCharacter(`91350100M000100Y${letter}`)).toBeUndefined();
});

test('usccProblem says why a code is refused', () => {
  expect(usccProblem('91350100M000100Y43')).toBeUndefined();
  expect(usccProblem('91350100M000100Y4')).toBe('length');
  expect(usccProblem('91350100M000100O43')).toBe('character');
  expect(usccProblem('91350100M000100Y44')).toBe('check');
});

test('withUsccCheck completes a body, and refuses one outside the alphabet', () => {
  expect(withUsccCheck('91140105MA0GRC002')).toBe('91140105MA0GRC0023');
  expect(() => withUsccCheck('91140105MA0GRC00I')).toThrow('not a USCC body');
});
