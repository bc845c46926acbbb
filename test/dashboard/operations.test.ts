/**
 * The dashboard's contract with the API: every gql document under dashboard/src is valid against
 * schema.graphql (graphql-js `validate`), and dashboard/src/lib/operations.generated.ts — the types
 * the views read the answers through — is what `npm run dashboard:codegen` prints from both today.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { checkDocuments, dashboardDocuments, GENERATED_FILE, readSchema, type DocumentSource } from '../../cli/dashboard-operations';

const schema = readSchema();
const sources = dashboardDocuments();
const operations = sources.flatMap((source) =>
  source.document.definitions.flatMap((definition) => (definition.kind === 'OperationDefinition' && definition.name ? [[definition.name.value, source] as const] : [])));

test('the dashboard sends at least the operations its views were built with', () => {
  expect(operations.length).toBeGreaterThanOrEqual(22);
  expect(operations.map(([name]) => name)).toEqual(expect.arrayContaining(['RegionCoverage', 'RegionTrends', 'Uninsured', 'Violations', 'InsurerScores', 'Login', 'Me']));
});

test.each(operations.map(([name, source]) => [name, source]))('%s is valid against schema.graphql', (_name, source) => {
  expect(checkDocuments(schema, [source, ...sources.filter((other) => other !== source && other.document.definitions.some((definition) => definition.kind === 'FragmentDefinition'))])).toEqual([]);
});

test('no document is unnamed, defined twice, typed as another, or missing a fragment it spreads', () => {
  expect(checkDocuments(schema, sources)).toEqual([]);
});

const literal = (text: string, extra: Partial<DocumentSource> = {}): DocumentSource => ({
  file: 'dashboard/src/Example.tsx', line: 1, constant: null, declaredType: null, interpolated: [], document: parse(text), ...extra,
});

test('the check names a field the schema does not have, and the document it is in', () => {
  const problems = checkDocuments(schema, [literal('query Renamed { coverage(region: "140000") { coverageRatio } }')]);
  expect(problems).toEqual([{ where: 'dashboard/src/Example.tsx:1 Renamed', message: 'Cannot query field "coverageRatio" on type "Coverage".' }]);
});

test('the check refuses a constant typed as another operation, and a fragment spread but not carried', () => {
  const fragment = literal('fragment Named on Insurer { id name }', { constant: 'NAMED', line: 2 });
  const problems = checkDocuments(schema, [
    fragment,
    literal('query Me { me { username } }', { constant: 'ME', declaredType: 'LoginDocument', line: 3 }),
    literal('query Insurers($year: Int!) { feeRatios(year: $year) { insurer { ...Named } } }', { line: 4 }),
    literal('query Carried($year: Int!) { feeRatios(year: $year) { insurer { ...Named } } }', { line: 5, interpolated: ['NAMED'] }),
  ]).map((problem) => `${problem.where}: ${problem.message}`);
  expect(problems).toEqual([
    'dashboard/src/Example.tsx:4: spreads ...Named but neither defines it nor interpolates the document that does',
    'dashboard/src/Example.tsx:3: ME is typed LoginDocument but holds Me',
  ]);
});

// GraphQL Code Generator's plugins are ES modules that jest's CommonJS runtime cannot load: the
// generator runs as the command does, in its own process.
test('dashboard/src/lib/operations.generated.ts is up to date (run npm run dashboard:codegen)', () => {
  const printed = execFileSync(process.execPath, [path.resolve(__dirname, '..', '..', 'cli', 'dashboard-codegen.js'), '--print'], { encoding: 'utf8' });
  expect(fs.readFileSync(GENERATED_FILE, 'utf8')).toBe(printed);
});
