/**
 * Fault injection with the platform database on MariaDB (test/support/etl-faults.ts), by pull and
 * by stream. Dataset: test/support/etl-seed.ts with 100 enterprises, in a database of its own per path.
 */
import { MARIADB_URL } from '../support/env';
import { createMariaDbDatabase } from '../support/etl-servers';
import { serverFaultSuite } from '../support/etl-faults';

serverFaultSuite({
  name: 'MariaDB',
  label: 'etl-faults-mariadb',
  dialect: 'mysql',
  createDatabase: (path) => createMariaDbDatabase(MARIADB_URL, `ansz_faults_${path}_${process.pid}`),
}, 100);
