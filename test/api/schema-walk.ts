/** What the schema-walking tests (scope matrix, fuzz) share: schema.graphql and a selection of every scalar. */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isEnumType, isNonNullType, isObjectType, isScalarType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

export const SCHEMA: GraphQLSchema = buildSchema(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'schema.graphql'), 'utf8'));

/** Every scalar of the type, one level into objects (lists of children left out: they repeat the node). */
export function selectionOf(type: GraphQLObjectType, depth = 0): string {
  const fields = Object.values(type.getFields()).filter((field) => field.args.every((argument) => !isNonNullType(argument.type) || argument.defaultValue !== undefined));
  const parts = fields.flatMap((field) => {
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) return [field.name];
    if (isObjectType(named) && depth < 1 && field.name !== 'children') return [`${field.name} { ${selectionOf(named, depth + 1)} }`];
    return [];
  });
  return parts.length > 0 ? parts.join(' ') : '__typename';
}
