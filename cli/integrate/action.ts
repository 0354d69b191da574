// `share-safely action [--review] [--gather] -- PATHS…`: what the file-manager entries run. Safe
// copies of the selection per the saved settings, then a notification, the output folder shown,
// and a log entry — no terminal involved.
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectPhotos, loadSettings, optionsFromSettings, resolveOptions, runBatch, stateDir, type OutputPlace } from '../../src/index.js';
import { appendLog, logFile } from './action-log.js';
import { logEntry, noticeFor, type GroupOutcome, type Notice, type Problem } from './action-report.js';
import { desktopAppCommand, startDesktopApp } from './desktop-app.js';
import { gather } from './gather.js';
import { currentLauncher } from './launcher.js';
import { notify, openFolder } from './notify.js';

export interface ActionFlags {
  review?: boolean;
  gather?: boolean;
}

interface Context {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  cwd: string;
  log: string;
}

/** A selected item as a path: Nemo hands over file:// URIs; other URIs (smb://…) cannot be read here. */
export function inputPath(arg: string, cwd: string): { path: string } | { problem: Problem } {
  if (/^file:\/\//i.test(arg)) return { path: fileURLToPath(arg) };
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) {
    return { problem: { path: arg, message: 'only files on this computer can be made safe (copy them here first)' } };
  }
  return { path: path.resolve(cwd, arg) };
}

export interface Selected {
  path: string;
  isDir: boolean;
}

/**
 * Photos are processed per folder, since the output place is per folder ("Safe to share" beside
 * each folder's photos); a selected folder is a group of its own. One chosen output folder: one group.
 */
export function groupSelection(selected: Selected[], place: OutputPlace): { dir: string; paths: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const s of selected) {
    const dir = place === 'folder' ? '' : s.isDir ? s.path : path.dirname(s.path);
    groups.set(dir, [...(groups.get(dir) ?? []), s.path]);
  }
  return [...groups].map(([dir, paths]) => ({ dir: dir || path.dirname(paths[0]), paths }));
}

/** The folders the copies went to, in order, each once. */
export function outputFolders(groups: GroupOutcome[]): string[] {
  const dirs = groups.flatMap((g) => g.results.filter((r) => r.output && r.status !== 'failed').map((r) => path.dirname(r.output!)));
  return [...new Set(dirs)];
}

/** At most this many folder windows open after one run. */
const maxWindows = 3;

async function makeSafe(paths: string[], problems: Problem[], ctx: Context): Promise<number> {
  const settings = await loadSettings();
  const selected = await Promise.all(paths.map(async (p) => ({ path: p, isDir: await stat(p).then((s) => s.isDirectory(), () => false) })));
  const groups: GroupOutcome[] = [];
  for (const g of groupSelection(selected, settings.place)) {
    const options = resolveOptions(optionsFromSettings(settings, g.dir));
    const collected = await collectPhotos(g.paths, { recursive: false, outDir: options.outDir });
    const items = collected.items.map((p, i) => ({ ...p, index: i + 1 }));
    const results = items.length ? await runBatch(items, options) : [];
    const found = collected.problems.map((p) => ({ path: p.path, message: p.message }));
    groups.push({ dir: g.dir, results, problems: found, skippedFolders: collected.skippedFolders });
  }
  if (problems.length) groups.push({ dir: ctx.cwd, results: [], problems, skippedFolders: 0 });
  const notice = noticeFor(groups, ctx.log);
  await tell(notice, logEntry(new Date(), groups, notice), ctx);
  for (const dir of outputFolders(groups).slice(0, maxWindows)) await openFolder(dir, ctx.env, ctx.platform);
  return notice.critical ? 1 : 0;
}

async function review(paths: string[], ctx: Context): Promise<number> {
  const launcher = currentLauncher();
  const command = desktopAppCommand(paths, { script: launcher.script, node: launcher.node, env: ctx.env });
  const errors = path.join(stateDir(ctx.env, ctx.platform, ctx.home), 'desktop-app.log');
  const started = command ? await startDesktopApp(command, errors) : { ok: false as const, message: 'the Share Safely desktop app is not installed on this computer' };
  if (started.ok) return 0;
  const notice: Notice = {
    title: 'Share Safely',
    body: `The review window could not open: ${started.message.replace(/[.\s]+$/, '')}. "Share safely" still makes safe copies without it.`,
    critical: true,
  };
  const entry = `== ${new Date().toISOString()} share-safely action --review ==\n${paths.map((p) => `  ${p}`).join('\n')}\n→ ${notice.body}\n\n`;
  await tell(notice, entry, ctx);
  return 1;
}

/** Ends a log entry whose notification could not be shown, so the log says where the news stopped. */
export const notShownLine = '  (the notification could not be shown on this computer)\n';

/** The log first: when there is no way to notify, it is where the user finds what happened. */
async function tell(notice: Notice, entry: string, ctx: Context): Promise<void> {
  const body = entry.replace(/\n+$/, '\n');
  await appendLog(ctx.log, body).catch(() => undefined);
  const shown = await notify(notice, ctx.env, ctx.platform);
  await appendLog(ctx.log, shown ? '\n' : `${notShownLine}\n`).catch(() => undefined);
}

export async function runAction(args: string[], flags: ActionFlags, env = process.env, platform = process.platform): Promise<number> {
  const home = os.homedir();
  const ctx: Context = { env, platform, home, cwd: process.cwd(), log: logFile(env, platform, home) };
  try {
    const problems: Problem[] = [];
    let paths: string[] = [];
    for (const arg of args) {
      const r = inputPath(arg, ctx.cwd);
      if ('path' in r) paths.push(r.path);
      else problems.push(r.problem);
    }
    if (flags.gather) {
      const all = await gather(paths, path.join(stateDir(env, platform, home), 'gather'));
      if (!all) return 0;
      paths = all;
    }
    return flags.review ? await review(paths, ctx) : await makeSafe(paths, problems, ctx);
  } catch (e) {
    const notice: Notice = { title: 'Share Safely', body: `Share Safely stopped: ${(e as Error).message} — details in ${ctx.log}`, critical: true };
    await tell(notice, `== ${new Date().toISOString()} share-safely action ==\n${(e as Error).stack ?? String(e)}\n\n`, ctx);
    return 1;
  }
}
