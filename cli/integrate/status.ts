// `integrate status`: what is installed where, whether it is still intact, and whether node and
// the CLI are still where the entries expect them.
import { readFile } from 'node:fs/promises';
import { launcherProblems } from './launcher.js';
import { exists, findOnPath } from '../../src/index.js';
import type { Words } from '../../src/contract/index.js';
import { loadManifest, sha256, type Entry, type Host } from './manifest.js';
import { saidLine } from './said.js';
import { targetName, targetPrograms, type Target } from './targets.js';
import { registryRoot } from './windows.js';

export interface Status {
  targets: { target: Target; installed: boolean; lines: string[] }[];
  /** Empty when node and the CLI are where the entries call them. */
  launcher: string[];
}

async function entryLine(e: Entry, host: Host): Promise<string> {
  if (e.kind === 'file') {
    if (!(await exists(e.path))) return `missing: ${e.path}`;
    return sha256(await readFile(e.path)) === e.sha256 ? e.path : `changed since install: ${e.path}`;
  }
  if (e.kind === 'thunar') {
    if (!(await exists(e.path))) return `missing: ${e.path}`;
    const xml = await readFile(e.path, 'utf8');
    const found = e.ids.filter((id) => xml.includes(`<unique-id>${id}</unique-id>`)).length;
    return `${e.path} (${found} of ${e.ids.length} actions present)`;
  }
  let present = 0;
  for (const key of e.keys) {
    const r = await host.run('reg', ['query', `${registryRoot}\\${key}\\command`, '/ve']).catch(() => ({ code: -1 }));
    if (r.code === 0) present++;
  }
  return `${present} of ${e.keys.length} verbs present under ${registryRoot}`;
}

export async function status(targets: Target[], host: Host): Promise<Status> {
  const m = await loadManifest(host);
  const out: Status = { targets: [], launcher: m ? launcherProblems(m.launcher) : [] };
  for (const target of targets) {
    const entries = m?.entries.filter((e) => e.target === target) ?? [];
    const lines: string[] = [];
    for (const e of entries) lines.push(await entryLine(e, host));
    const program = targetPrograms[target];
    if (program && !findOnPath(program, host.env)) lines.push(`(${program} is not installed on this system)`);
    out.targets.push({ target, installed: entries.length > 0, lines });
  }
  return out;
}

/** The status in the user's words; the lines under each target (paths, counts) are technical details. */
export function statusText(s: Status, w: Words): string {
  const width = Math.max(...s.targets.map((t) => targetName(t.target, w).length));
  const rows = s.targets.map((t) => {
    const head = `${targetName(t.target, w).padEnd(width)}  ${w.t(t.installed ? 'integrate.installed' : 'integrate.notInstalled')}`;
    return [head, ...t.lines.map((l) => `${' '.repeat(width + 2)}${saidLine(l, w)}`)].join('\n');
  });
  if (s.launcher.length)
    rows.push(w.t('integrate.cannotStart', { problems: s.launcher.map((l) => saidLine(l, w)).join(w.t('cli.partsSep')) }));
  return `${rows.join('\n')}\n`;
}
