// Step 9: write to a hidden temp name, verify what is on disk, then publish it under a final name
// that did not exist. Never over an original, never over any existing file, never a half file.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { UnwritableWhy } from './contract/index.js';
import { SafeError, toSafeError } from './errors.js';
import { alternativePath, isTempName, tempNameFor } from './naming.js';
import { syncFolder } from './util/durable-write.js';
import { exists } from './util/files.js';

const MAX_ALTERNATIVES = 9999;

/**
 * A folder that cannot take a copy names itself and why, as a code every language says (the
 * contract's unwritableWhy): a parent who reads only French must still learn where and why.
 */
const unwritable = (dir: string, why: UnwritableWhy, message: string, cause?: unknown) =>
  new SafeError('output-unwritable', message, { cause, values: { folder: dir, why } });

function outputError(e: unknown, dir: string): SafeError {
  if (e instanceof SafeError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new SafeError('no-space', `the disk holding ${dir} is full; nothing was written`, { cause: e });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    const why = code === 'EROFS' ? 'read-only' : 'denied';
    return unwritable(
      dir,
      why,
      `cannot write in ${dir} (${why === 'read-only' ? 'read-only' : 'permission denied'}); nothing was written`,
      e,
    );
  }
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return unwritable(dir, 'in-the-way', `cannot create the output folder ${dir}: a file is in the way`, e);
  return toSafeError(e);
}

/**
 * Whether copies can be written in `dir` (made if missing): a temp file is created and removed, once
 * per folder before a batch starts, so a read-only place fails every photo at once with its reason
 * instead of after each photo has been analysed.
 * @returns undefined when it can; the SafeError each photo would have met otherwise
 */
export async function cannotWriteIn(dir: string): Promise<SafeError | undefined> {
  const probe = tempNameFor(path.join(dir, 'probe'), `${process.pid}-probe-${randomBytes(6).toString('hex')}`);
  try {
    await makeDirs(dir);
    const handle = await open(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    await handle.close();
    await unlink(probe);
    return undefined;
  } catch (e) {
    await unlink(probe).catch(() => {});
    const err = outputError(e, dir);
    return err.code === 'output-unwritable' || err.code === 'no-space' ? err : undefined;
  }
}

/** Links temp to the first free name. A hard link fails if the name exists, so no check-then-write race. */
async function claimName(temp: string, first: string): Promise<string> {
  for (let n = 1; n <= MAX_ALTERNATIVES; n++) {
    const candidate = alternativePath(first, n);
    try {
      await link(temp, candidate);
      return candidate;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
        // File systems without hard links (FAT, exFAT, some network shares): check, then rename.
        if (await exists(candidate)) continue;
        await rename(temp, candidate);
        return candidate;
      }
      throw e;
    }
  }
  throw unwritable(path.dirname(first), 'names-used', `${MAX_ALTERNATIVES} files named like ${path.basename(first)} already exist`);
}

/**
 * Writes bytes under a temp name, lets `check` judge the file as written on disk, then publishes it
 * under `first` or the first free alternative. Returns the final path. On any failure nothing is left.
 */
export async function publish(bytes: Buffer, first: string, check: (writtenPath: string) => Promise<void>): Promise<string> {
  return publishWith(
    first,
    async (handle) => {
      await handle.writeFile(bytes);
    },
    check,
  );
}

/**
 * The same promise for a file written by someone else (a video encoder writing by name): `produce`
 * gets the temp file already created (empty, ours alone) and fills it; the rest is as `publish`.
 */
export async function publishWith(
  first: string,
  produce: (handle: FileHandle, tempPath: string) => Promise<void>,
  check: (writtenPath: string) => Promise<void>,
): Promise<string> {
  const dir = path.dirname(first);
  await cleanOnce(dir);
  const temp = tempNameFor(first, `${process.pid}-${threadId}-${randomBytes(6).toString('hex')}`);
  let wrote = false;
  try {
    await makeDirs(dir);
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    wrote = true;
    try {
      await produce(handle, temp);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await check(temp);
    const final = await claimName(temp, first);
    await unlink(temp).catch(() => {});
    await syncFolder(dir);
    return final;
  } catch (e) {
    if (wrote) await unlink(temp).catch(() => {});
    throw outputError(e, dir);
  }
}

/**
 * mkdir -p, one level at a time. Node's recursive mkdir retries for ever where a parent exists but
 * refuses children with ENOENT (/proc/x): the batch would hang past any time limit.
 */
async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !(await exists(d)); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      await mkdir(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw unwritable(dir, 'cannot-create', `cannot create the output folder ${dir} here`, e);
      if (code !== 'EEXIST') throw e;
    }
  }
}

// Folders this process has already cleaned of an interrupted run's temp files (checked once each).
const cleaned = new Set<string>();

async function cleanOnce(dir: string): Promise<void> {
  if (cleaned.has(dir)) return;
  cleaned.add(dir);
  await cleanStaleTemps([dir]);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files left by an interrupted run (killed, power cut) in the given folders.
 * A temp file whose writer process is still alive is left alone. Returns the paths removed.
 */
export async function cleanStaleTemps(dirs: Iterable<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const dir of new Set(dirs)) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!isTempName(name)) continue;
      const pid = Number(/^\.share-safely-(\d+)-/.exec(name)?.[1]);
      if (pid && pid !== process.pid && processAlive(pid)) continue;
      if (pid === process.pid) continue; // ours: removeTempsOf handles a worker that was stopped
      const p = path.join(dir, name);
      try {
        await unlink(p);
        removed.push(p);
      } catch {
        // Not ours to force: leave it and carry on.
      }
    }
  }
  return removed;
}

/** Removes the temp files a stopped worker thread of this process may have left in `dir`. */
export async function removeTempsOf(dir: string, worker: number): Promise<void> {
  const prefix = `.share-safely-${process.pid}-${worker}-`;
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix) && isTempName(n)).map((n) => unlink(path.join(dir, n)).catch(() => {})));
}
