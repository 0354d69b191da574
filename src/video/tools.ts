// ffmpeg and ffprobe: static binaries shipped inside npm packages (no system install, no download),
// run as child processes. One place spawns them, so every run is killed the same way on cancel.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Paths of the bundled binaries; resolved lazily so photo-only runs never touch the packages. */
export function ffmpegPath(): string {
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

export function ffprobePath(): string {
  return (require('@ffprobe-installer/ffprobe') as { path: string }).path;
}

/** Starts a tool with no shell and no inherited stdin; stderr is kept (its tail names the failure). */
export function start(bin: string, args: string[], signal?: AbortSignal): { child: ChildProcess; stderr: () => string } {
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    // The tail is what matters; never let a chatty decoder grow this without bound.
    err = (err + d.toString('utf8')).slice(-8192);
  });
  if (signal) {
    const kill = () => child.kill('SIGKILL');
    if (signal.aborted) kill();
    else signal.addEventListener('abort', kill, { once: true });
    child.once('exit', () => signal.removeEventListener('abort', kill));
  }
  return { child, stderr: () => err };
}

/** Resolves with the exit code (a signal counts as failure), after the process is gone. */
export function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('close', (code) => resolve(code ?? -1));
  });
}

/** Runs a tool to completion and returns its stdout (bounded), stderr and exit code. */
export async function run(
  bin: string,
  args: string[],
  signal?: AbortSignal,
  maxOut = 16 * 1024 * 1024,
): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const { child, stderr } = start(bin, args, signal);
  child.stdin!.end();
  const chunks: Buffer[] = [];
  let size = 0;
  child.stdout!.on('data', (d: Buffer) => {
    size += d.length;
    if (size > maxOut) child.kill('SIGKILL');
    else chunks.push(d);
  });
  const code = await exited(child);
  return { code: size > maxOut ? -1 : code, stdout: Buffer.concat(chunks), stderr: stderr() };
}
