/** schema.graphql at the repository root must be what the TypeGraphQL classes print: `npm run schema` rewrites it. */
import fs from 'node:fs';
import path from 'node:path';
import type { GraphQLEnumType, GraphQLField, GraphQLObjectType } from 'graphql';
import { buildApiSchema, printApiSchema } from '../../api/schema';

const SCHEMA_FILE = path.resolve(__dirname, '..', '..', '..', 'schema.graphql');

test('schema.graphql is up to date (run npm run schema)', async () => {
  const printed = printApiSchema(await buildApiSchema());
  expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
});

/** `field(arg: Type = default, …): Type` of a root field, arguments by name (their order carries no meaning in GraphQL). */
function signature(field: GraphQLField<unknown, unknown>): string {
  const args = [...field.args].sort((a, b) => a.name.localeCompare(b.name)).map((arg) => `${arg.name}: ${String(arg.type)}${arg.defaultValue === undefined ? '' : ` = ${JSON.stringify(arg.defaultValue)}`}`);
  return `${field.name}(${args.join(', ')}): ${String(field.type)}`;
}

test('the fixed contract of issue 3 holds', async () => {
  const schema = await buildApiSchema();
  const query = schema.getQueryType()!.getFields();
  expect(signature(query.coverage)).toBe('coverage(asOf: Date, industries: [Industry!], region: ID! = "140000"): Coverage!');
  expect(signature(query.feeRatios)).toBe('feeRatios(region: ID, year: Int!): [InsurerFeeRatio!]!');
  expect(signature(query.serviceCompliance)).toBe('serviceCompliance(region: ID! = "140000", year: Int!): ServiceCompliance!');
  expect(signature(schema.getMutationType()!.getFields().login)).toBe('login(password: String!, username: String!): AuthPayload!');
  const fieldsOf = (name: string) =>
    Object.values((schema.getType(name) as GraphQLObjectType).getFields()).map((field) => `${field.name}: ${String(field.type)}`);
  expect(fieldsOf('Coverage')).toEqual(expect.arrayContaining([
    'region: Region!', 'asOf: Date!', 'mandatory: Int!', 'insured: Int!', 'rate: Float', 'children: [Coverage!]!',
  ]));
  expect(fieldsOf('InsurerFeeRatio')).toEqual(expect.arrayContaining([
    'insurer: Insurer!', 'premiumReceived: Decimal!', 'preventionSpending: Decimal!', 'ratio: Float', 'compliant: Boolean',
  ]));
  expect(fieldsOf('ServiceCompliance')).toEqual(expect.arrayContaining([
    'region: Region!', 'year: Int!', 'required: Int!', 'compliant: Int!', 'exempt: Int!', 'rate: Float',
  ]));
  expect(fieldsOf('Region')).toEqual(expect.arrayContaining(['code: ID!', 'name: String!']));
  expect(fieldsOf('Insurer')).toEqual(['id: ID!', 'name: String!']);
  expect(fieldsOf('AuthPayload')).toEqual(['token: String!']);
  expect((schema.getType('Industry') as GraphQLEnumType).getValues().map((value) => value.name)).toEqual([
    'COAL_MINE', 'NON_COAL_MINE', 'HAZARDOUS_CHEMICALS', 'FIREWORKS', 'METALLURGY',
  ]);
});
