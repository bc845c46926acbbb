/**
 * SQL composed so that a value cannot be spliced into the text by mistake: the `sql` tagged template
 * accepts, between its literal parts, only a bound parameter (`bind`), an identifier of the
 * warehouse's own tables and columns (`ident`, checked against the schema) or another `sql`
 * fragment. Anything else — a string, a number — is refused when the statement is built, so a
 * forgotten `bind` fails in every test that builds it instead of reaching ClickHouse as text.
 */
import { DATA_TABLES, DERIVED_TABLES, RUN_COLUMN, TOUCHED_ENTERPRISES, VERSION_ID_COLUMN, stageTableName, storeTableName, supersededTableName } from './schema';

const PARAMETER_TYPE = /^[A-Za-z][A-Za-z0-9]*(\([A-Za-z0-9, ()]*\))?$/;

class Bound {
  constructor(readonly value: unknown, readonly type: string) {}
}
class Identifier {
  constructor(readonly name: string) {}
}

export class Sql {
  constructor(readonly parts: ReadonlyArray<string | Bound | Identifier>) {}

  /** The statement's text with `{p0:Type}` placeholders, and the values to send as query parameters. */
  toQuery(): { query: string; params: Record<string, unknown> } {
    const params: Record<string, unknown> = {};
    const query = this.parts.map((part) => {
      if (typeof part === 'string') return part;
      if (part instanceof Identifier) return part.name;
      const name = `p${Object.keys(params).length}`;
      params[name] = part.value;
      return `{${name}:${part.type}}`;
    }).join('');
    return { query, params };
  }
}

/** The names an identifier may take: the warehouse's tables, their row stores, stages and supersession tables, and their columns. */
const ALLOWED: ReadonlySet<string> = new Set([
  ...[...DATA_TABLES, ...DERIVED_TABLES].flatMap((table) => [
    table.name, storeTableName(table), stageTableName(table), supersededTableName(table), ...table.columns.map(([name]) => name),
  ]),
  RUN_COLUMN, VERSION_ID_COLUMN, 'superseded_run', 'by_run', TOUCHED_ENTERPRISES,
]);

/** A value sent as a query parameter of ClickHouse type `type` (e.g. `UInt64`, `Array(String)`). */
export function bind(value: unknown, type: string): Bound {
  if (!PARAMETER_TYPE.test(type)) throw new Error(`not a parameter type: ${type}`);
  return new Bound(value, type);
}

/** A table or column of the warehouse schema; any other name is refused. */
export function ident(name: string): Identifier {
  if (!ALLOWED.has(name)) throw new Error(`not an identifier of the warehouse schema: ${JSON.stringify(name)}`);
  return new Identifier(name);
}

/** What may stand between the literal parts of the template. */
export type SqlPart = Sql | Bound | Identifier;

export function sql(strings: TemplateStringsArray, ...values: SqlPart[]): Sql {
  const parts: Array<string | Bound | Identifier> = [];
  strings.forEach((text, index) => {
    parts.push(text);
    if (index === values.length) return;
    const value: unknown = values[index];
    if (value instanceof Sql) parts.push(...value.parts);
    else if (value instanceof Bound || value instanceof Identifier) parts.push(value);
    else throw new Error(`a ${typeof value} cannot be part of SQL text: bind it as a parameter or name it with ident()`);
  });
  return new Sql(parts);
}

/** Fragments joined by a separator, e.g. a list of columns or UNION ALL branches. */
export function joinSql(fragments: readonly Sql[], separator: string): Sql {
  return new Sql(fragments.flatMap((fragment, index) => (index === 0 ? fragment.parts : [separator, ...fragment.parts])));
}
