// The record of everything `integrate install` wrote, so `uninstall` removes exactly that and
// nothing of the user's. Kept in the config folder as integration.json.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { configDir, exists, writeFileDurably } from '../../src/index.js';
import * as v from 'valibot';
import { allTargets } from './targets.js';

const sha = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const absolute = v.pipe(
  v.string(),
  v.check((p) => path.isAbsolute(p)),
);

const fileEntry = v.object({
  kind: v.literal('file'),
  target: v.picklist(allTargets),
  path: absolute,
  /** Of the content we wrote: a file that no longer matches was edited by someone, and is left alone. */
  sha256: sha,
});

const thunarEntry = v.object({
  kind: v.literal('thunar'),
  target: v.literal('thunar'),
  path: absolute,
  ids: v.array(v.string()),
  commands: v.array(v.string()),
  /** uca.xml did not exist: it started as `seed`, and goes away when only that is left. */
  createdFrom: v.optional(v.object({ seedSha256: sha })),
});

const registryEntry = v.object({
  kind: v.literal('registry'),
  target: v.literal('explorer'),
  /** Verb keys below HKCU\Software\Classes. */
  keys: v.array(v.string()),
  /** Keys above them that install created (SystemFileAssociations\.heic\shell…): uninstall removes those left empty. */
  created: v.optional(v.array(v.string())),
});

// integration.json is read back from the user's config folder, where anything may have changed it:
// its shape is checked here, and uninstall acts only on entries that name what install writes.
const manifestFile = v.object({
  version: v.literal(1),
  launcher: v.object({ node: v.string(), script: v.string() }),
  entries: v.array(v.variant('kind', [fileEntry, thunarEntry, registryEntry])),
  /** Folders that did not exist before we wrote into them; removed again once empty. */
  createdDirs: v.optional(v.array(absolute), []),
});

export type FileEntry = v.InferOutput<typeof fileEntry>;
export type ThunarEntry = v.InferOutput<typeof thunarEntry>;
export type RegistryEntry = v.InferOutput<typeof registryEntry>;
export type Entry = FileEntry | ThunarEntry | RegistryEntry;
export type Manifest = v.InferOutput<typeof manifestFile>;

export interface Host {
  platform: NodeJS.Platform;
  home: string;
  env: NodeJS.ProcessEnv;
  /** Runs a system tool (reg.exe, pbs) and resolves with its exit code and output. */
  run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

export const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

export function manifestPath(host: Host): string {
  return path.join(configDir(host.env, host.platform, host.home), 'integration.json');
}

/** The manifest, or undefined when there is none or it is not one we could have written. */
export async function loadManifest(host: Host): Promise<Manifest | undefined> {
  try {
    const r = v.safeParse(manifestFile, JSON.parse(await readFile(manifestPath(host), 'utf8')));
    return r.success ? r.output : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the manifest, or removes it (and the folders it created) when nothing is installed any more. */
export async function saveManifest(host: Host, m: Manifest): Promise<void> {
  const file = manifestPath(host);
  if (!m.entries.length) {
    await rm(file, { force: true });
    m.createdDirs = await removeEmptyDirs(m.createdDirs);
    return;
  }
  // The folder first, so that a config folder made for the manifest is recorded in it too.
  await ensureDir(path.dirname(file), m.createdDirs);
  await writeAtomic(file, `${JSON.stringify(m, null, 2)}\n`, 0o644, m.createdDirs);
}

/** mkdir -p that remembers which folders it made. */
export async function ensureDir(dir: string, created: string[]): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; !(await exists(d)); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  await mkdir(dir, { recursive: true });
  for (const d of missing) if (!created.includes(d)) created.push(d);
}

export async function writeAtomic(file: string, content: string | Buffer, mode: number, created: string[]): Promise<void> {
  await ensureDir(path.dirname(file), created);
  await writeFileDurably(file, content, mode);
}

/** Removes the folders we created that are empty now, deepest first; returns those still there. */
export async function removeEmptyDirs(dirs: string[]): Promise<string[]> {
  const left: string[] = [];
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    try {
      await rmdir(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') left.push(d);
    }
  }
  return dirs.filter((d) => left.includes(d));
}
