/**
 * The ETL scenario of test/support/server-scenario.ts with the platform database on MariaDB.
 * Dataset: test/support/etl-seed.ts with 1,000 enterprises, in a database of its own (ansz_test_<pid>).
 */
import { MARIADB_URL } from '../support/env';
import { createMariaDbDatabase } from '../support/etl-servers';
import { serverScenario } from '../support/server-scenario';

serverScenario({
  name: 'MariaDB',
  label: 'etl-mariadb',
  dialect: 'mysql',
  createDatabase: () => createMariaDbDatabase(MARIADB_URL, `ansz_test_${process.pid}`),
}, 1000);
