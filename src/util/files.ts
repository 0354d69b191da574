// Looking things up on disk, the same way everywhere.
import { accessSync, constants } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';

/** Something (a file, a folder, a link even if dangling) has this name. */
export async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

/** The full path of an executable `name` on `env.PATH`, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const full = path.join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}
