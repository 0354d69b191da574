// Photos handed over by the operating system: on the command line ("Open with", a file manager,
// a shell), through macOS open-file events, or by a second launch passing its files to this window.
import path from 'node:path';

export interface ArgvContext {
  /** The directory the command ran in; relative paths are resolved against it. */
  cwd: string;
  /** True when running as `electron main.js …` (development): argv[1] is the script, not a photo. */
  defaultApp: boolean;
}

/**
 * The file and folder paths among a process's argv. Switches (-x, --x, --x=y) are Chromium's or
 * the OS's (macOS adds -psn_…); after a bare `--` everything is a path, so a file really named
 * "-photo.jpg" can still be passed. Paths come back absolute, in order, each once.
 */
export function pathsFromArgv(argv: readonly string[], ctx: ArgvContext): string[] {
  const out: string[] = [];
  let onlyPaths = false;
  for (const arg of argv.slice(ctx.defaultApp ? 2 : 1)) {
    if (typeof arg !== 'string' || arg.length === 0 || arg.includes('\0')) continue;
    if (!onlyPaths && arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (!onlyPaths && arg.startsWith('-')) continue;
    const full = path.resolve(ctx.cwd, arg);
    if (!out.includes(full)) out.push(full);
  }
  return out;
}

/** What a second launch sends to the first one (Electron's single-instance additionalData). */
export interface HandOver {
  files: string[];
}

const MAX_HANDOVER = 10_000;

/** The absolute paths a second instance handed over, or null when the data is not ours / malformed. */
export function pathsFromHandOver(data: unknown): string[] | null {
  if (!data || typeof data !== 'object' || !Array.isArray((data as HandOver).files)) return null;
  const files = (data as HandOver).files;
  if (files.length > MAX_HANDOVER) return null;
  const out: string[] = [];
  for (const f of files) {
    if (typeof f !== 'string' || !path.isAbsolute(f) || f.includes('\0')) return null;
    if (!out.includes(f)) out.push(f);
  }
  return out;
}

/**
 * Paths that arrive before the window can take them (macOS sends open-file before `ready`) wait
 * here; once the window is ready they flow straight through.
 */
export class LaunchQueue {
  private waiting: string[] = [];
  private deliver: ((paths: string[]) => void) | undefined;

  push(paths: readonly string[]): void {
    if (paths.length === 0) return;
    if (this.deliver) this.deliver([...paths]);
    else this.waiting.push(...paths.filter((p) => !this.waiting.includes(p)));
  }

  /** The window is ready: hand it everything that waited, then every later arrival. */
  open(deliver: (paths: string[]) => void): void {
    this.deliver = deliver;
    const waited = this.waiting;
    this.waiting = [];
    if (waited.length) deliver(waited);
  }
}
