/**
 * The SQL tagged template (warehouse/sql.ts): values become bound parameters, identifiers must be
 * the warehouse schema's, and a plain value in the template is refused when the statement is built.
 */
import { bind, ident, joinSql, sql } from '../../warehouse/sql';
import { listTouchedEnterprises } from '../../etl/load/derive';

test('values are bound as numbered parameters, fragments keep their own', () => {
  const condition = sql`county_code = ${bind('140403', 'String')}`;
  const statement = sql`SELECT ${joinSql([sql`${ident('policy_id')}`, sql`${ident('first_service')}`], ', ')} FROM ${ident('policy_facts')}
    WHERE ${condition} AND start_date >= ${bind('2025-01-01', 'Date')}`;
  expect(statement.toQuery()).toEqual({
    query: 'SELECT policy_id, first_service FROM policy_facts\n    WHERE county_code = {p0:String} AND start_date >= {p1:Date}',
    params: { p0: '140403', p1: '2025-01-01' },
  });
});

test('a plain value, an unknown identifier or a made-up type is refused', () => {
  const county = "140403' OR 1 = 1 --";
  expect(() => sql`SELECT * FROM policies WHERE county_code = ${county as never}`).toThrow(/bind it as a parameter/);
  expect(() => ident('policies; DROP TABLE policies')).toThrow(/not an identifier/);
  expect(() => bind(1, 'UInt64} OR {x:String')).toThrow(/not a parameter type/);
});

test("the ETL's list of touched enterprises carries the run only as a parameter", () => {
  const { query, params } = listTouchedEnterprises(7, { database: 'warehouse' }).toQuery();
  expect(query).not.toMatch(/\b7\b/);
  expect(Object.values(params)).toEqual(Array(10).fill(7));
});
