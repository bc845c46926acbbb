/** The tests that need the PostgreSQL and MariaDB servers (see .ci/run, which starts them). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test/servers'],
  testMatch: ['**/*.test.js'],
  testTimeout: 300000,
  // The PostgreSQL and MariaDB files share nothing (a private database and warehouse each): one worker each.
  maxWorkers: 2,
};
