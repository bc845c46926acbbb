/**
 * Tests run from the tsc output in dist/, so decorators carry their metadata exactly as in production.
 * `npm test` runs everything that needs nothing but this repository (SQLite, embedded ClickHouse);
 * `npm run test:servers` runs the same ETL against PostgreSQL and MariaDB (jest.servers.config.js).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  testMatch: ['**/*.test.js'],
  testPathIgnorePatterns: ['/servers/'],
  testTimeout: 180000,
  // A folder for data directories built once per run and copied by each file (test/support/data-dir-cache.ts).
  globalSetup: '<rootDir>/dist/test/support/jest-global-setup.js',
  globalTeardown: '<rootDir>/dist/test/support/jest-global-teardown.js',
  // Each worker opens its own embedded ClickHouse (about 300 MB); the machine has two cores.
  maxWorkers: 2,
};
