// Where the right-click action keeps its log (the notification names it when something failed)
// and its short-lived files: the per-user state folder of each platform.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stateDir } from '../../src/index.js';

export function logFile(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  return path.join(stateDir(env, platform, home), 'action.log');
}

/** The log holds the last run only: a privacy tool keeps no diary of a family's photo names. */
export async function writeLog(file: string, entry: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, entry);
}
