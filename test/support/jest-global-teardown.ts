/** Runs once after jest's last test file: removes the folder of ./data-dir-cache. */
import fs from 'node:fs';
import { DATA_DIR_CACHE_VARIABLE } from './data-dir-cache';

export default function globalTeardown(): void {
  const root = process.env[DATA_DIR_CACHE_VARIABLE];
  if (root) fs.rmSync(root, { recursive: true, force: true });
}
