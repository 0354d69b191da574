// The copies this user already made, so running again (the right-click twice, --skip-existing) makes
// no duplicate. One line per copy: a hash of the original's hash, the settings that shape the copy and
// the copy's own hash. No name, no path: the record says nothing about the photos to whoever reads it.
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { alternativePath } from './naming.js';
import type { WarningCode } from './contract/index.js';
import type { Options } from './options.js';
import { hashBytes } from './read.js';
import type { OutputFormat } from './types.js';
import { stateDir } from './util/user-dirs.js';

/** A few months of heavy use; past it the oldest half is forgotten. */
const maxEntries = 20_000;
/** NAME.safe.jpg, NAME.safe-2.jpg… are claimed in order: a copy sits among the first free names. */
const maxAlternatives = 100;

const recordFile = (env: NodeJS.ProcessEnv) => path.join(stateDir(env), 'copies.txt');
/** Copies that ended "check it", by the copy's hash, with why: `verify` repeats it on that copy. */
const checksFile = (env: NodeJS.ProcessEnv) => path.join(stateDir(env), 'checks.txt');

/** The choices that decide a copy's bytes (not its name or folder). */
function settingsKey(o: Options, format: OutputFormat): string {
  return JSON.stringify([o.faces, o.style, o.color, format, o.quality, o.maxSize, o.seed ?? null]);
}

function copyKey(originalHash: string, o: Options, format: OutputFormat, copyHash: string): string {
  return createHash('sha256')
    .update(`${originalHash}\n${settingsKey(o, format)}\n${copyHash}`)
    .digest('hex');
}

async function recorded(env: NodeJS.ProcessEnv): Promise<Set<string>> {
  const text = await readFile(recordFile(env), 'utf8').catch(() => '');
  return new Set(text.split('\n').filter(Boolean));
}

/** Appends a line, forgetting the oldest half past maxEntries. */
async function note(file: string, line: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${line}\n`);
  const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  if (lines.length > maxEntries) await writeFile(file, `${lines.slice(-maxEntries / 2).join('\n')}\n`);
}

/**
 * Notes a copy just made, and why it is to check if it is. A record that cannot be written costs a
 * duplicate later (or a reason `verify` cannot repeat), never the photo.
 */
export async function rememberCopy(
  originalHash: string,
  o: Options,
  format: OutputFormat,
  copy: Buffer,
  toCheck: readonly WarningCode[] = [],
  env = process.env,
): Promise<void> {
  try {
    const copyHash = hashBytes(copy);
    await note(recordFile(env), copyKey(originalHash, o, format, copyHash));
    if (toCheck.length) await note(checksFile(env), `${copyHash} ${toCheck.join(',')}`);
  } catch {
    // the state folder is not writable: nothing to remember with
  }
}

/**
 * Why a copy this user made was "check it" when it was made (no face found, very small faces…), so
 * `verify` can say it again: finding no face in a copy proves nothing about faces the detector missed.
 * @returns the reasons, or [] for a copy that was safe or that this user did not make
 */
export async function checksWhenMade(copy: Buffer, env = process.env): Promise<WarningCode[]> {
  const copyHash = hashBytes(copy);
  const text = await readFile(checksFile(env), 'utf8').catch(() => '');
  const line = text
    .split('\n')
    .filter((l) => l.startsWith(`${copyHash} `))
    .at(-1);
  return line ? (line.slice(copyHash.length + 1).split(',') as WarningCode[]) : [];
}

/**
 * The copy of this original made earlier with these settings, if one is still where it would be put
 * (its first-choice name or an alternative); undefined otherwise.
 */
export async function madeBefore(
  originalHash: string,
  first: string,
  o: Options,
  format: OutputFormat,
  env = process.env,
): Promise<string | undefined> {
  const known = await recorded(env);
  if (!known.size) return undefined;
  for (let n = 1; n <= maxAlternatives; n++) {
    const candidate = alternativePath(first, n);
    const bytes = await readFile(candidate).catch(() => undefined);
    if (!bytes) return undefined;
    if (known.has(copyKey(originalHash, o, format, hashBytes(bytes)))) return candidate;
  }
  return undefined;
}
