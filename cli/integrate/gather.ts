// Explorer starts a verb's command once per selected file. Each process drops its paths in a spool
// folder; the first to take the lock waits until no more arrive, then processes them all, so ten
// selected photos make one batch and one notification. The others exit at once.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../../src/index.js';

const lockName = 'lock';
const spoolSuffix = '.paths.json';
/** A lock older than this belongs to a process that died while gathering. */
const staleLockMs = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function spooled(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.endsWith(spoolSuffix)).sort();
}

async function takeLock(dir: string): Promise<boolean> {
  const lock = path.join(dir, lockName);
  try {
    await mkdir(lock);
    return true;
  } catch {
    const age = await stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age < staleLockMs) return false;
    await rm(lock, { recursive: true, force: true });
    return mkdir(lock).then(
      () => true,
      () => false,
    );
  }
}

/** Claims every spooled file (a rename only one process can win) and returns the paths in arrival order. */
async function claimAll(dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const name of await spooled(dir)) {
    const claimed = path.join(dir, `${name}.${process.pid}.claimed`);
    try {
      await rename(path.join(dir, name), claimed);
      paths.push(...(JSON.parse(await readFile(claimed, 'utf8')) as string[]));
    } catch {
      // another process claimed it first, or it was unreadable
    }
    await rm(claimed, { force: true });
  }
  return paths;
}

/**
 * Adds `paths` to the spool in `dir`. Resolves with everything gathered when this process leads
 * the batch, or undefined when another process will process these paths.
 */
export async function gather(paths: string[], dir: string, quietMs = 1500): Promise<string[] | undefined> {
  await mkdir(dir, { recursive: true });
  const id = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFileDurably(path.join(dir, `${id}${spoolSuffix}`), JSON.stringify(paths));

  const all: string[] = [];
  // Leading: wait for quiet, claim, release; then look again, since a process that found the lock
  // taken just before the release left its paths for us.
  while ((await spooled(dir)).length && (await takeLock(dir))) {
    let seen = -1;
    for (let n = (await spooled(dir)).length; n !== seen; n = (await spooled(dir)).length) {
      seen = n;
      await sleep(quietMs);
    }
    all.push(...(await claimAll(dir)));
    await rmdir(path.join(dir, lockName)).catch(() => undefined);
  }
  return all.length ? [...new Set(all)] : undefined;
}
