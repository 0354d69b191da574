// `share-safely action [--review] [--gather] -- PATHS…`: what the file-manager entries run. Safe
// copies of the selection per the saved settings, then a notification, the output folder shown,
// and a log entry — no terminal involved.
import { appendFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  collectPhotos,
  errorView,
  loadSettings,
  optionsFromSettings,
  resolveOptions,
  runBatch,
  SafeError,
  stateDir,
  type OutputPlace,
} from '../../src/index.js';
import type { Words } from '../../src/contract/index.js';
import { logFile, writeLog } from './action-log.js';
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
    return {
      problem: {
        path: arg,
        error: errorView(new SafeError('not-found', 'only files on this computer can be made safe (copy them here first)')),
      },
    };
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

async function makeSafe(paths: string[], problems: Problem[], ctx: Context, w: Words): Promise<number> {
  const settings = await loadSettings();
  const selected = await Promise.all(
    paths.map(async (p) => ({
      path: p,
      isDir: await stat(p).then(
        (s) => s.isDirectory(),
        () => false,
      ),
    })),
  );
  const groups: GroupOutcome[] = [];
  for (const g of groupSelection(selected, settings.place)) {
    // Running again is harmless: a copy already made from the same photo with the same settings is kept, not made twice.
    const options = resolveOptions({ ...optionsFromSettings(settings, g.dir, w.lang), skipExisting: true });
    const collected = await collectPhotos(g.paths, { recursive: false, outDir: options.outDir, skipNonPhotos: true });
    const items = collected.items.map((p, i) => ({ ...p, index: i + 1 }));
    const results = items.length ? await runBatch(items, options) : [];
    const found = collected.problems.map((p) => ({ path: p.path, error: p }));
    groups.push({ dir: g.dir, results, problems: found, skipped: collected.skipped, skippedFolders: collected.skippedFolders });
  }
  if (problems.length) groups.push({ dir: ctx.cwd, results: [], problems, skipped: [], skippedFolders: 0 });
  const notice = noticeFor(groups, ctx.log, w);
  await tell(notice, logEntry(new Date(), groups, notice, w), ctx, w);
  for (const dir of outputFolders(groups).slice(0, maxWindows)) await openFolder(dir, ctx.env, ctx.platform);
  return notice.critical ? 1 : 0;
}

async function review(paths: string[], ctx: Context, w: Words): Promise<number> {
  const launcher = currentLauncher();
  const command = desktopAppCommand(paths, { script: launcher.script, node: launcher.node, env: ctx.env });
  const errors = path.join(stateDir(ctx.env, ctx.platform, ctx.home), 'desktop-app.log');
  const started = command ? await startDesktopApp(command, errors) : { ok: false as const, message: w.t('notice.noDesktopApp') };
  if (started.ok) return 0;
  const notice: Notice = { title: w.t('app.title'), body: w.t('notice.reviewFailed', { log: ctx.log }), critical: true };
  const entry = `== ${new Date().toISOString()} share-safely action --review ==\n${notice.body}\n${started.message}\n`;
  await tell(notice, entry, ctx, w);
  return 1;
}

/** Ends a log entry whose notification could not be shown, so the log says where the news stopped. */
export const notShownLine = (w: Words) => `${w.t('notice.notShown')}\n`;

/** The log first: when there is no way to notify, it is where the user finds what happened. */
async function tell(notice: Notice, entry: string, ctx: Context, w: Words): Promise<void> {
  await writeLog(ctx.log, entry).catch(() => undefined);
  const shown = await notify(notice, ctx.env, ctx.platform);
  if (!shown) await appendFile(ctx.log, notShownLine(w)).catch(() => undefined);
}

export async function runAction(
  args: string[],
  flags: ActionFlags,
  w: Words,
  env = process.env,
  platform = process.platform,
): Promise<number> {
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
    return flags.review ? await review(paths, ctx, w) : await makeSafe(paths, problems, ctx, w);
  } catch (e) {
    const notice: Notice = { title: w.t('app.title'), body: w.t('notice.stopped', { log: ctx.log }), critical: true };
    await tell(
      notice,
      `== ${new Date().toISOString()} share-safely action ==\n${notice.body}\n${(e as Error).stack ?? String(e)}\n`,
      ctx,
      w,
    );
    return 1;
  }
}
