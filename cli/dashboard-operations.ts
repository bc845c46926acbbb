/**
 * The GraphQL documents of the dashboard: every `gql` literal under dashboard/src, wherever it is
 * written, found with the TypeScript parser, and checked against schema.graphql. Each must be named
 * and valid against the schema (graphql-js `validate`); a literal assigned to a constant typed
 * `<Name>Document` must hold the operation or fragment of that name, so a type can never sit on
 * another operation's document; a fragment it spreads must travel with it. `dashboard-codegen.ts`
 * generates the types from these documents.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, validate, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
export const SCHEMA_FILE = path.join(ROOT, 'schema.graphql');
export const DASHBOARD_SOURCES = path.join(ROOT, 'dashboard', 'src');
export const GENERATED_FILE = path.join(DASHBOARD_SOURCES, 'lib', 'operations.generated.ts');

/** The tags a document may be written with: Apollo's `gql`, or `graphql`. */
const TAGS = new Set(['gql', 'graphql']);

/** One `gql` literal: where it stands, the constant it is assigned to (with its declared type), its text. */
export interface DocumentSource {
  file: string;
  line: number;
  constant: string | null;
  declaredType: string | null;
  /** The constants interpolated into the literal (`${RULE_CITATION_FRAGMENT}`): the fragments it carries at run time. */
  interpolated: string[];
  document: DocumentNode;
}

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (!/\.tsx?$/.test(entry.name) || /\.d\.ts$/.test(entry.name) || full === GENERATED_FILE) return [];
    return [full];
  }).sort();
}

/**
 * The text of a tagged template: an interpolated `${fragment}` is left out, since fragments are
 * found by name among every document (the document sent at run time carries them itself).
 */
function templateText(template: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return template.text;
  return template.head.text + template.templateSpans.map((span) => ` ${span.literal.text}`).join('');
}

/** Every `gql` literal under dashboard/src, parsed; a literal that does not parse names its file and line. */
export function dashboardDocuments(directory: string = DASHBOARD_SOURCES): DocumentSource[] {
  const found: DocumentSource[] = [];
  for (const file of sourceFiles(directory)) {
    const text = fs.readFileSync(file, 'utf8');
    if (!/\b(gql|graphql)`/.test(text)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const relative = path.relative(ROOT, file);
    const walk = (node: ts.Node): void => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        let declaration: ts.Node = node.parent;
        while (ts.isAsExpression(declaration) || ts.isParenthesizedExpression(declaration) || ts.isSatisfiesExpression(declaration)) declaration = declaration.parent;
        const variable = ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) ? declaration : null;
        let document: DocumentNode;
        try {
          document = parse(templateText(node.template));
        } catch (error) {
          throw new Error(`${relative}:${line}: the gql document does not parse: ${(error as Error).message}`);
        }
        found.push({
          file: relative,
          line,
          constant: variable ? (variable.name as ts.Identifier).text : null,
          declaredType: variable?.type ? variable.type.getText(source).split('<')[0].trim() : null,
          interpolated: ts.isTemplateExpression(node.template) ? node.template.templateSpans.map((span) => span.expression.getText(source)) : [],
          document,
        });
      }
      ts.forEachChild(node, walk);
    };
    walk(source);
  }
  return found;
}

const definitionName = (definition: DefinitionNode): string | null =>
  definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION ? definition.name?.value ?? null : null;

/** The fragments an operation spreads, followed through the fragments they spread in turn. */
function fragmentsOf(root: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const seen = new Map<string, FragmentDefinitionNode>();
  const pending: DefinitionNode[] = [root];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !seen.has(spread.name.value)) {
          seen.set(spread.name.value, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return [...seen.values()];
}

/** Each named operation as it travels: its definition with every fragment it spreads. */
export function operationDocuments(sources: DocumentSource[]): Array<{ file: string; name: string; document: DocumentNode }> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const source of sources) {
    for (const definition of source.document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return sources.flatMap((source) => source.document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION && definition.name
      ? [{ file: source.file, name: definition.name.value, document: { kind: Kind.DOCUMENT, definitions: [definition, ...fragmentsOf(definition, fragments)] } as DocumentNode }]
      : []));
}

export interface OperationProblem { where: string; message: string }

/**
 * Every operation with the fragments it spreads, validated against the schema (graphql-js `validate`:
 * fields, arguments, variables, fragment types), and the names checked: each operation and fragment
 * named, once, and a constant typed `<Name>Document` holding the definition of that name.
 */
export function checkDocuments(schema: GraphQLSchema, sources: DocumentSource[]): OperationProblem[] {
  const problems: OperationProblem[] = [];
  const where = (source: DocumentSource) => `${source.file}:${source.line}`;
  const fragments = new Map<string, FragmentDefinitionNode>();
  const names = new Map<string, string>();
  for (const source of sources) {
    for (const definition of source.document.definitions) {
      const name = definitionName(definition);
      if (definition.kind === Kind.OPERATION_DEFINITION && name === null) {
        problems.push({ where: where(source), message: `an unnamed ${definition.operation}: every operation needs a name, which its generated types take` });
        continue;
      }
      if (name === null) continue;
      if (names.has(name)) problems.push({ where: where(source), message: `"${name}" is defined twice (also at ${names.get(name)})` });
      names.set(name, where(source));
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(name, definition);
    }
  }
  // At run time a document carries only the fragments written in it or interpolated into it.
  const byConstant = new Map(sources.filter((source) => source.constant !== null).map((source) => [source.constant!, source]));
  const carried = (source: DocumentSource, seen = new Set<DocumentSource>()): Set<string> => {
    seen.add(source);
    const names = new Set(source.document.definitions.map(definitionName).filter((name): name is string => name !== null));
    for (const constant of source.interpolated) {
      const inner = byConstant.get(constant);
      if (inner && !seen.has(inner)) for (const name of carried(inner, seen)) names.add(name);
    }
    return names;
  };
  for (const source of sources) {
    const spread = new Set<string>();
    visit(source.document, { FragmentSpread(node) { spread.add(node.name.value); } });
    const present = carried(source);
    for (const name of spread) {
      if (!present.has(name)) problems.push({ where: where(source), message: `spreads ...${name} but neither defines it nor interpolates the document that does` });
    }
  }
  for (const source of sources) {
    const defined = source.document.definitions.map(definitionName).filter((name): name is string => name !== null);
    if (source.declaredType?.endsWith('Document')) {
      const declared = source.declaredType.slice(0, -'Document'.length).replace(/(Query|Mutation|Subscription|Fragment)$/, '');
      if (!defined.some((name) => name === declared)) {
        problems.push({ where: where(source), message: `${source.constant} is typed ${source.declaredType} but holds ${defined.join(', ') || 'no named definition'}` });
      }
    }
    for (const definition of source.document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
      const operation: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition, ...fragmentsOf(definition, fragments)] };
      for (const error of validate(schema, operation)) {
        problems.push({ where: `${where(source)} ${definition.name.value}`, message: error.message });
      }
    }
  }
  return problems;
}

export function readSchema(): GraphQLSchema {
  return buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
}
