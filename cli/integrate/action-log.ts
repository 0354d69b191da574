// Where the right-click action keeps its log (the notification names it when something failed)
// and its short-lived files: the per-user state folder of each platform.
import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stateDir } from '../../src/index.js';

export function logFile(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  return path.join(stateDir(env, platform, home), 'action.log');
}

const keepBytes = 256 * 1024;

/** Appends an entry; past twice `keepBytes` only the newest `keepBytes` are kept, from a line start. */
export async function appendLog(file: string, entry: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, entry);
  const size = await stat(file).then((s) => s.size, () => 0);
  if (size <= 2 * keepBytes) return;
  const text = await readFile(file, 'utf8');
  const tail = text.slice(text.length - keepBytes);
  await writeFile(file, tail.slice(tail.indexOf('\n') + 1));
}
