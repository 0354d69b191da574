// Looking things up on disk, the same way everywhere.
import { accessSync, constants } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Whether something has this name: a file, a folder, or a link (even a dangling one).
 * @param p the path
 * @returns true when the name is taken
 * @example
 * if (await exists(target)) console.log('left alone');
 */
export async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

/**
 * Where a program is, as a shell would find it.
 * @param name the program's file name
 * @param env the environment whose PATH is searched
 * @returns the full path of the first executable `name` on PATH, or undefined
 * @example
 * findOnPath('notify-send'); // '/usr/bin/notify-send'
 */
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
