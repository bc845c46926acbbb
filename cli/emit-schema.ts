/** `npm run schema`: writes schema.graphql at the repository root from the TypeGraphQL classes. */
import fs from 'node:fs';
import path from 'node:path';
import { buildApiSchema, printApiSchema } from '../api/schema';

export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema.graphql');

async function main(): Promise<void> {
  fs.writeFileSync(SCHEMA_FILE, printApiSchema(await buildApiSchema()));
  console.log(`wrote ${SCHEMA_FILE}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
