// "Review and share safely": the selection opens in the desktop app's review window instead. The
// app is started through its own launcher (dist/electron/launch.js, what `npm run desktop` runs),
// which finds the Electron binary and says so when there is none.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Command } from './notify.js';

export interface AppLocation {
  /** The CLI entry point (dist/cli/main.js): the launcher is built beside it. */
  script: string;
  /** node, to run the launcher with. */
  node: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The command that opens `paths` in the desktop app, or undefined when no app is installed.
 * SHARE_SAFELY_APP names a packaged app's executable; it takes the paths after `--` like the launcher.
 */
export function desktopAppCommand(paths: string[], at: AppLocation): Command | undefined {
  const app = at.env.SHARE_SAFELY_APP;
  if (app) return existsSync(app) ? { command: app, args: ['--', ...paths] } : undefined;
  const launch = path.join(path.dirname(at.script), '..', 'electron', 'launch.js');
  return existsSync(launch) && hasElectron(launch) ? { command: at.node, args: [launch, '--', ...paths] } : undefined;
}

/**
 * The launcher is built with the CLI, but the app needs the electron package beside it, which an
 * install without dev dependencies (npm install -g, npm ci --omit=dev) leaves out.
 */
function hasElectron(launch: string): boolean {
  try {
    createRequire(launch).resolve('electron/package.json');
    return true;
  } catch {
    return false;
  }
}

/** Whether "Review and share safely" would open a window here: a packaged app, or the launcher with an Electron binary. */
export function desktopAppStarts(at: AppLocation): boolean {
  const c = desktopAppCommand([], at);
  if (!c) return false;
  if (at.env.SHARE_SAFELY_APP) return true;
  const launch = c.args[0];
  return spawnSync(c.command, [launch, '--check'], { stdio: 'ignore', env: at.env, timeout: 20_000 }).status === 0;
}

export type AppStart = { ok: true } | { ok: false; message: string };

/**
 * Starts the app detached, its error output appended to `errorLog` (a pipe would break once we
 * exit while the app runs on). A launcher that ends with an error within `settleMs` (no Electron
 * binary, say) gives the first line it wrote; one still running by then has opened.
 */
export function startDesktopApp(c: Command, errorLog: string, settleMs = 4000): Promise<AppStart> {
  mkdirSync(path.dirname(errorLog), { recursive: true });
  const fd = openSync(errorLog, 'a');
  const start = fstatSync(fd).size;
  const firstError = () => {
    const written = readFileSync(errorLog).subarray(start).toString();
    return written
      .split('\n')
      .find((l) => l.trim())
      ?.trim();
  };
  return new Promise((resolve) => {
    const child = spawn(c.command, c.args, { detached: true, stdio: ['ignore', 'ignore', fd], windowsHide: true });
    closeSync(fd);
    const timer = setTimeout(() => {
      child.unref();
      resolve({ ok: true });
    }, settleMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, message: e.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? { ok: true } : { ok: false, message: firstError() ?? `the app stopped (exit code ${code})` });
    });
  });
}
