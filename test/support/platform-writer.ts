/**
 * Another process writing to the platform database while the test process holds it open, as
 * `npm run import` and `npm run user:add` do beside a running server. Run as
 * `node platform-writer.js`, with DATA_DIR naming the data directory: it copies enterprise
 * ENT00000001 as ENT-OTHER-PROCESS, adds (or resets) the province user `other-process`, and exits.
 */
import { loadConfig } from '../../config/config';
import { openPlatformDb } from '../../platform/data-source';
import { EnterpriseRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { addUser } from '../../api/auth/users';

export const WRITTEN_ENTERPRISE = 'ENT-OTHER-PROCESS';
export const WRITTEN_USER = { username: 'other-process', password: 'other-process-pw', role: 'province' } as const;

async function main(): Promise<void> {
  const platform = await openPlatformDb(loadConfig().platform);
  try {
    const template = await platform.getRepository(EnterpriseRow).findOneByOrFail({ id: 'ENT00000001' });
    await upsertRows(platform, EnterpriseRow, [{ ...template, id: WRITTEN_ENTERPRISE, name: '另一进程写入的企业' }]);
    await addUser(platform, WRITTEN_USER);
  } finally {
    await platform.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
