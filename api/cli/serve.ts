/**
 * `npm run serve`: opens the platform database and the warehouse, brings the warehouse schema up to
 * date and serves the API at http://localhost:$PORT/graphql (and the dashboard at / once built).
 */
import { loadConfig } from '../../etl/config';
import { openPlatformDb } from '../../etl/platform/data-source';
import { openWarehouse } from '../../etl/warehouse/client';
import { migrateWarehouse } from '../../etl/warehouse/migrate';
import { startServer } from '../server';

async function main(): Promise<void> {
  const config = loadConfig();
  const platform = await openPlatformDb(config.platform);
  const warehouse = await openWarehouse(config.warehouse);
  await migrateWarehouse(warehouse, { database: config.warehouse.database, cluster: config.warehouse.cluster });
  const server = await startServer(config, { platform, warehouse });
  console.log(`GraphQL API at ${server.url}`);
  const stop = async (): Promise<void> => {
    await server.close();
    await warehouse.close();
    await platform.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
