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
  // Each worker opens its own embedded ClickHouse (about 300 MB); the machine has two cores.
  maxWorkers: 2,
};
