/**
 * The ETL scenario of test/support/server-scenario.ts with the platform database on PostgreSQL.
 * Dataset: test/support/etl-seed.ts with 1,000 enterprises, in a database of its own (ansz_test_<pid>).
 */
import { POSTGRES_URL } from '../support/env';
import { createPostgresDatabase } from '../support/etl-servers';
import { serverScenario } from '../support/server-scenario';

serverScenario({
  name: 'PostgreSQL',
  label: 'etl-postgres',
  dialect: 'postgres',
  createDatabase: () => createPostgresDatabase(POSTGRES_URL, `ansz_test_${process.pid}`),
}, 1000);
