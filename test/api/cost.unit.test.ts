/**
 * The warehouse cost of an operation (api/common/cost.ts), computed from schema.graphql alone: one
 * per warehouse query, one per ROWS_PER_UNIT rows listed, fields under children or rows charged per
 * child or row, shared look-ups once per request. test/api/request-budget.test.ts holds the dashboard's
 * operations to the budget through the server.
 */
import { parse } from 'graphql';
import { MAX_WAREHOUSE_COST, ROWS_PER_UNIT, WAREHOUSE_COST, warehouseCost } from '../../api/common/cost';
import { CITIES, countiesOf } from '../../domain/regions';
import { SCHEMA } from './schema-walk';

const cost = (operation: string, variables: Record<string, unknown> = {}): number => warehouseCost(SCHEMA, parse(operation), variables);

test('every Query field has a cost entry', () => {
  const fields = Object.keys(SCHEMA.getQueryType()!.getFields());
  expect(fields.filter((name) => WAREHOUSE_COST[`Query.${name}`] === undefined)).toEqual([]);
});

test('a query costs the queries its resolver runs', () => {
  expect(cost('{ coverage { mandatory } }')).toBe(1);
  expect(cost('{ trends(from: "2025-01", to: "2025-12") { mandatory } }')).toBe(3);
  expect(cost('{ me { username } }')).toBe(0);
});

test('a page costs its queries and its rows, rounded up', () => {
  // uninsured: page and count, 2; 150 rows = 1.5 → 3.5 → 4
  expect(cost('{ uninsured(pageSize: 150) { total } }')).toBe(4);
  expect(cost('query ($size: Int!) { uninsured(pageSize: $size) { total } }', { size: ROWS_PER_UNIT })).toBe(3);
});

test('a paged field under each child region is charged once per child of the largest region', () => {
  // The most children a node has: the province's 11 cities or the largest city's counties.
  const children = Math.max(CITIES.length, ...CITIES.map((city) => countiesOf(city.code).length));
  // serviceCompliance 1; under each child, enterprises: page and count 2, ten rows 0.1
  expect(cost('{ serviceCompliance(year: 2025) { children { enterprises(pageSize: 10) { total } } } }')).toBe(Math.ceil(1 + children * 2.1));
});

test('aliases add up; a shared look-up is charged once per request', () => {
  expect(cost('{ a: coverage { mandatory } b: coverage { mandatory } c: coverage { mandatory } }')).toBe(3);
  const once = cost('{ feeRatios(year: 2025) { insurer { name } } }');
  const twice = cost('{ a: feeRatios(year: 2025) { insurer { name } } b: feeRatios(year: 2025) { insurer { name } } }');
  expect(twice).toBe(2 * once - WAREHOUSE_COST['Insurer.name'].queries);
});

test('a flood of aliases goes over the budget', () => {
  const aliases = Array.from({ length: MAX_WAREHOUSE_COST + 1 }, (_, i) => `c${i}: coverage { mandatory }`).join(' ');
  expect(cost(`{ ${aliases} }`)).toBeGreaterThan(MAX_WAREHOUSE_COST);
});
