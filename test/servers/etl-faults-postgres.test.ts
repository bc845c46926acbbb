/**
 * Fault injection with the platform database on PostgreSQL (test/support/etl-faults.ts), by pull and
 * by stream. Dataset: test/support/etl-seed.ts with 100 enterprises, in a database of its own per path.
 */
import { POSTGRES_URL } from '../support/env';
import { createPostgresDatabase } from '../support/etl-servers';
import { serverFaultSuite } from '../support/etl-faults';

serverFaultSuite({
  name: 'PostgreSQL',
  label: 'etl-faults-postgres',
  dialect: 'postgres',
  createDatabase: (path) => createPostgresDatabase(POSTGRES_URL, `ansz_faults_${path}_${process.pid}`),
}, 100);
