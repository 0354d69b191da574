// `integrate install` and `integrate uninstall`: write each target's entries, record them in the
// manifest, and remove exactly those again. Installing twice rewrites the same bytes.
import { chmod, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { configDir, exists, imageExtensions } from '../../src/index.js';
import { everyOffer, type Launcher, type Offer } from './launcher.js';
import {
  dolphinServiceMenus,
  nautilusScripts,
  nemoActions,
  openWithEntry,
  thunarActions,
  thunarFile,
  xdgDirs,
  type FileSpec,
} from './linux.js';
import { quickActions } from './macos.js';
import {
  ensureDir,
  loadManifest,
  removeEmptyDirs,
  saveManifest,
  sha256,
  writeAtomic,
  type Entry,
  type FileEntry,
  type Host,
  type Manifest,
  type RegistryEntry,
  type ThunarEntry,
} from './manifest.js';
import type { Target } from './targets.js';
import { emptyUca, mergeActions, removeActions } from './thunar-uca.js';
import { emptyCreatedKeys, encodeRegFile, exportedKeys, parentKeys, registryKeys, registryRoot, regFileText, verbKeys } from './windows.js';

export interface TargetReport {
  target: Target;
  /** What happened, one line each (paths written or removed, things left alone and why). */
  lines: string[];
  ok: boolean;
}

function fileSpecs(target: Target, l: Launcher, host: Host, offer: Offer): FileSpec[] {
  const dirs = xdgDirs(host.env, host.home);
  switch (target) {
    case 'nautilus':
      return nautilusScripts(l, dirs, offer);
    case 'nemo':
      return nemoActions(l, dirs, offer);
    case 'dolphin':
      return dolphinServiceMenus(l, dirs, offer);
    case 'open-with':
      return [openWithEntry(l, dirs, offer)];
    case 'finder':
      return quickActions(l, host.home, offer);
    default:
      return [];
  }
}

/** The verb keys any install of ours may have written, in any language, with or without review. */
const ourVerbs = (l: Launcher) => [...new Set(everyOffer.flatMap((o) => verbKeys(registryKeys(l, imageExtensions, o))))];

/**
 * The part of an entry that install writes on this machine (in any language, with or without the
 * review entries), and what else it names (a path, registry keys). What else there is came from an
 * edited manifest: it is refused, never deleted.
 */
function ownPart(e: Entry, l: Launcher, host: Host): { own?: Entry; foreign?: string } {
  if (e.kind === 'file')
    return everyOffer.some((o) => fileSpecs(e.target, l, host, o).some((s) => s.path === e.path)) ? { own: e } : { foreign: e.path };
  if (e.kind === 'thunar') return e.path === thunarFile(xdgDirs(host.env, host.home)) ? { own: e } : { foreign: e.path };
  const verbs = ourVerbs(l);
  const ours = new Set(verbs);
  const parents = new Set(parentKeys(verbs));
  const keys = e.keys.filter((k) => ours.has(k));
  const created = (e.created ?? []).filter((k) => parents.has(k));
  const foreign = [...e.keys.filter((k) => !ours.has(k)), ...(e.created ?? []).filter((k) => !parents.has(k))].map(
    (k) => `${registryRoot}\\${k}`,
  );
  return { own: keys.length ? { ...e, keys, created } : undefined, foreign: foreign.length ? foreign.join(', ') : undefined };
}

function refuse(what: string, report: TargetReport): void {
  report.ok = false;
  report.lines.push(`refused: ${what} is not something Share Safely installs; left alone`);
}

const ofTarget = <K extends Entry['kind']>(m: Manifest, target: Target, kind: K) =>
  m.entries.filter((e): e is Extract<Entry, { kind: K }> => e.target === target && e.kind === kind);

async function modeOf(file: string, fallback: number): Promise<number> {
  return stat(file).then(
    (s) => s.mode & 0o7777,
    () => fallback,
  );
}

async function installFiles(target: Target, specs: FileSpec[], m: Manifest, host: Host, report: TargetReport): Promise<void> {
  const previous = ofTarget(m, target, 'file').filter((e) => {
    const { own, foreign } = ownPart(e, m.launcher, host);
    if (foreign) refuse(foreign, report);
    return own;
  });
  const entries: FileEntry[] = [];
  for (const spec of specs) {
    const digest = sha256(spec.content);
    if (await exists(spec.path)) {
      const current = sha256(await readFile(spec.path));
      const ours = current === digest || previous.some((e) => e.path === spec.path && e.sha256 === current);
      if (!ours) {
        report.ok = false;
        report.lines.push(`left alone: ${spec.path} already exists and was not written by Share Safely`);
        continue;
      }
    }
    await writeAtomic(spec.path, spec.content, spec.mode, m.createdDirs);
    await chmod(spec.path, spec.mode);
    entries.push({ kind: 'file', target, path: spec.path, sha256: digest });
    report.lines.push(`wrote ${spec.path}`);
  }
  // Files an earlier install wrote that this one no longer uses.
  const stale = previous.filter((e) => !specs.some((s) => s.path === e.path));
  m.entries = m.entries.filter((e) => !(e.target === target && e.kind === 'file'));
  m.entries.push(...entries, ...(await removeFiles(stale, report)));
}

/** Removes our files; returns the entries of files left in place because someone changed them. */
async function removeFiles(entries: FileEntry[], report: TargetReport): Promise<FileEntry[]> {
  const kept: FileEntry[] = [];
  for (const e of entries) {
    if (!(await exists(e.path))) continue;
    if (sha256(await readFile(e.path)) !== e.sha256) {
      report.lines.push(`left alone: ${e.path} was changed after it was installed`);
      kept.push(e);
      continue;
    }
    await rm(e.path, { force: true });
    report.lines.push(`removed ${e.path}`);
  }
  return kept;
}

async function installThunar(l: Launcher, host: Host, offer: Offer, m: Manifest, report: TargetReport): Promise<void> {
  const dirs = xdgDirs(host.env, host.home);
  const file = thunarFile(dirs);
  const previous = ofTarget(m, 'thunar', 'thunar')[0];
  let createdFrom = previous?.createdFrom;
  let xml: string;
  if (await exists(file)) {
    xml = await readFile(file, 'utf8');
  } else {
    // Thunar reads the system uca.xml until the user has one: start from it so its actions stay.
    const system = dirs.configDirs.map((d) => path.join(d, 'Thunar', 'uca.xml'));
    xml = emptyUca;
    for (const s of system) {
      if (await exists(s)) {
        xml = await readFile(s, 'utf8');
        break;
      }
    }
    createdFrom = { seedSha256: sha256(xml) };
  }
  const actions = thunarActions(l, offer);
  const merged = mergeActions(xml, actions, { ids: previous?.ids ?? [], commands: previous?.commands ?? [] });
  await writeAtomic(file, merged, await modeOf(file, 0o644), m.createdDirs);
  const entry: ThunarEntry = {
    kind: 'thunar',
    target: 'thunar',
    path: file,
    ids: actions.map((a) => a.uniqueId),
    commands: actions.map((a) => a.command),
  };
  if (createdFrom) entry.createdFrom = createdFrom;
  m.entries = m.entries.filter((e) => e.kind !== 'thunar');
  m.entries.push(entry);
  report.lines.push(`added ${actions.length} actions to ${file} (Thunar reads it when it starts: thunar -q restarts it)`);
}

async function uninstallThunar(e: ThunarEntry, report: TargetReport): Promise<Entry[]> {
  if (!(await exists(e.path))) return [];
  const xml = await readFile(e.path, 'utf8');
  const { xml: out, removed } = removeActions(xml, { ids: e.ids, commands: e.commands });
  if (e.createdFrom && sha256(out) === e.createdFrom.seedSha256) {
    await rm(e.path, { force: true });
    report.lines.push(`removed ${e.path} (it held only our actions)`);
  } else if (removed) {
    await writeFile(e.path, out);
    report.lines.push(`removed ${removed} actions from ${e.path}`);
  }
  return [];
}

async function regImport(host: Host, name: string, text: string, m: Manifest, report: TargetReport): Promise<boolean> {
  const file = path.join(configDir(host.env, host.platform, host.home), name);
  await writeAtomic(file, encodeRegFile(text), 0o644, m.createdDirs);
  const r = await host.run('reg', ['import', file]).catch((e: Error) => ({ code: -1, stdout: '', stderr: e.message }));
  if (r.code !== 0) {
    report.ok = false;
    report.lines.push(`reg import failed (${r.stderr.trim() || `exit code ${r.code}`}); open ${file} to apply it by hand`);
    return false;
  }
  await rm(file, { force: true });
  return true;
}

/** The keys that exist now below the top keys of `verbs` (SystemFileAssociations, Directory), read with `reg export`. */
async function keysPresent(host: Host, verbs: string[], m: Manifest): Promise<Map<string, boolean>> {
  const file = path.join(configDir(host.env, host.platform, host.home), 'integration-export.reg');
  await ensureDir(path.dirname(file), m.createdDirs);
  const present = new Map<string, boolean>();
  for (const top of new Set(verbs.map((v) => v.split('\\')[0]))) {
    const r = await host.run('reg', ['export', `${registryRoot}\\${top}`, file, '/y']).catch(() => ({ code: -1 }));
    // A failure is most often "no such key"; either way nothing is known to be there.
    const bytes = r.code === 0 ? await readFile(file).catch(() => undefined) : undefined;
    if (bytes) for (const [key, hasValues] of exportedKeys(bytes)) present.set(key, hasValues);
  }
  await rm(file, { force: true });
  return present;
}

async function installExplorer(l: Launcher, host: Host, offer: Offer, m: Manifest, report: TargetReport): Promise<void> {
  const keys = registryKeys(l, imageExtensions, offer);
  const verbs = verbKeys(keys);
  const parents = parentKeys(verbs);
  // Only what an install of ours writes is ever removed, whatever an edited manifest says.
  const previous = ofTarget(m, 'explorer', 'registry')[0];
  const ours = ourVerbs(l);
  const remove = [...new Set([...(previous?.keys ?? []).filter((k) => ours.includes(k)), ...verbs])];
  const present = await keysPresent(host, verbs, m);
  const created = [
    ...new Set([...(previous?.created ?? []).filter((k) => parents.includes(k)), ...parents.filter((k) => !present.has(k.toLowerCase()))]),
  ];
  if (!(await regImport(host, 'integration-install.reg', regFileText(keys, remove), m, report))) return;
  m.entries = m.entries.filter((e) => e.kind !== 'registry');
  m.entries.push({ kind: 'registry', target: 'explorer', keys: verbs, created });
  report.lines.push(`added ${verbs.length} verbs under ${registryRoot} (Windows 11: under "Show more options")`);
}

async function uninstallExplorer(e: RegistryEntry, host: Host, m: Manifest, report: TargetReport): Promise<Entry[]> {
  const empty = emptyCreatedKeys(e.created ?? [], e.keys, await keysPresent(host, e.keys, m));
  if (!(await regImport(host, 'integration-uninstall.reg', regFileText([], [...e.keys, ...empty]), m, report))) return [e];
  report.lines.push(`removed ${e.keys.length} verbs from ${registryRoot}`);
  return [];
}

/** Finder caches the Services menu; pbs refreshes it (absent or failing: the menu updates at next login). */
async function refreshServices(host: Host): Promise<void> {
  const pbs = '/System/Library/CoreServices/pbs';
  if (host.platform === 'darwin' && (await exists(pbs))) await host.run(pbs, ['-update']).catch(() => undefined);
}

const emptyManifest = (l: Launcher): Manifest => ({ version: 1, launcher: l, entries: [], createdDirs: [] });

export async function install(targets: Target[], launcher: Launcher, host: Host, offer: Offer): Promise<TargetReport[]> {
  const m = (await loadManifest(host)) ?? emptyManifest(launcher);
  m.launcher = launcher;
  const reports: TargetReport[] = [];
  for (const target of targets) {
    const report: TargetReport = { target, lines: [], ok: true };
    reports.push(report);
    try {
      if (target === 'thunar') await installThunar(launcher, host, offer, m, report);
      else if (target === 'explorer') await installExplorer(launcher, host, offer, m, report);
      else await installFiles(target, fileSpecs(target, launcher, host, offer), m, host, report);
    } catch (e) {
      report.ok = false;
      report.lines.push(`failed: ${(e as Error).message}`);
    }
    await saveManifest(host, m);
  }
  if (targets.includes('finder')) await refreshServices(host);
  return reports;
}

export async function uninstall(targets: Target[], host: Host): Promise<TargetReport[]> {
  const m = await loadManifest(host);
  const reports: TargetReport[] = targets.map((target) => ({ target, lines: [], ok: true }));
  if (!m) return reports.map((r) => ({ ...r, lines: ['nothing installed'] }));
  for (const report of reports) {
    const mine = m.entries.filter((e) => e.target === report.target);
    if (!mine.length) report.lines.push('nothing installed');
    const kept: Entry[] = [];
    for (const entry of mine) {
      const { own: e, foreign } = ownPart(entry, m.launcher, host);
      if (foreign) refuse(foreign, report);
      if (!e) continue;
      try {
        if (e.kind === 'file') kept.push(...(await removeFiles([e], report)));
        else if (e.kind === 'thunar') kept.push(...(await uninstallThunar(e, report)));
        else kept.push(...(await uninstallExplorer(e, host, m, report)));
      } catch (err) {
        report.ok = false;
        report.lines.push(`failed: ${(err as Error).message}`);
        kept.push(e);
      }
    }
    m.entries = [...m.entries.filter((e) => e.target !== report.target), ...kept];
    m.createdDirs = await removeEmptyDirs(m.createdDirs);
    await saveManifest(host, m);
  }
  if (targets.includes('finder')) await refreshServices(host);
  return reports;
}
