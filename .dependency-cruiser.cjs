/**
 * The direction of imports, checked by `npm run check:imports` (part of `npm test`). The data flows
 * platform database → etl → warehouse → api → dashboard; `domain/` (regions, industries, money, the
 * rulebook) and `config/` are what every layer shares, and `cli/` and `bench/` are the entry points
 * that wire the layers together. A layer imports only what lies before it on that way.
 */
const layer = (name) => `^${name}/`;
const LAYERS = ['config', 'domain', 'platform', 'warehouse', 'etl', 'api', 'cli', 'bench', 'dashboard', 'test'];
const others = (...allowed) => LAYERS.filter((name) => !allowed.includes(name)).map(layer);

const only = (from, allowed, comment) => ({
  name: `${from}-imports-only-${allowed.join('-') || 'itself'}`,
  comment,
  severity: 'error',
  from: { path: layer(from) },
  to: { path: others(from, ...allowed) },
});

module.exports = {
  forbidden: [
    only('domain', [], 'The shared vocabulary depends on nothing of ours: the dashboard bundles it.'),
    {
      name: 'domain-runs-in-the-browser',
      comment: 'The dashboard bundles domain/: no Node.js built-in modules there.',
      severity: 'error',
      from: { path: layer('domain') },
      to: { dependencyTypes: ['core'] },
    },
    only('config', ['domain'], 'Configuration is read once and handed to the layers.'),
    only('platform', ['config', 'domain'], 'The platform database knows nothing of the warehouse or the ETL.'),
    only('warehouse', ['config', 'domain'], 'The warehouse contract (client, tables, migrations, run log) is shared by the ETL and the API.'),
    only('etl', ['config', 'domain', 'platform', 'warehouse'], 'The ETL moves platform rows into the warehouse; it knows nothing of the API.'),
    only('api', ['config', 'domain', 'platform', 'warehouse'], 'The API reads the warehouse (and the platform database for users); it never runs the ETL.'),
    only('dashboard', ['domain'], 'The dashboard knows the API only through GraphQL, and shares the vocabulary.'),
    only('cli', ['config', 'domain', 'platform', 'warehouse', 'etl', 'api'], 'Commands wire the layers together.'),
    only('bench', ['config', 'domain', 'platform', 'warehouse', 'etl', 'api', 'cli'], 'Benchmarks drive the layers as the commands do.'),
    {
      name: 'no-unresolvable-import',
      comment: 'An import that resolves to nothing is a mistake the check would otherwise pass over.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
