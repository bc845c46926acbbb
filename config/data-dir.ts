/**
 * The data directory holds the platform database (password hashes among its rows), the token secret
 * and the warehouse: readable by the account that runs the platform only. Modes are set when a file
 * is made and tightened at every start for what an older version left readable to everyone.
 */
import fs from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Makes the directory (and missing parents) private, or tightens an existing one. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Tightens the files that exist among these; a missing one is no error. */
export function tightenFiles(files: string[]): void {
  for (const file of files) {
    try {
      fs.chmodSync(file, PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
