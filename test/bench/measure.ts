// Runs one command as the bench measures everything: wall time from spawn to exit, the time each
// output line arrived, and the peak resident memory of the whole process tree it starts (sampled
// from /proc, so worker threads, exiftool's perl and mat2's python all count).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Measured {
  code: number;
  wallMs: number;
  /** Peak of the summed RSS of the process and all its descendants, in MB (0 where /proc is missing). */
  peakRssMb: number;
  /** CPU seconds the tree used (user + system, sampled, so the last ~50 ms may be missing). */
  cpuS: number;
  /** stdout lines with the time (ms after spawn) each arrived. */
  lines: { t: number; text: string }[];
  stderr: string;
}

function children(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of stat is the parent pid; the command name (field 2) may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = kids.get(ppid) ?? [];
      list.push(Number(name));
      kids.set(ppid, list);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return kids;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** utime + stime + cutime + cstime, in clock ticks (1/100 s on Linux). */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  } catch {
    return 0;
  }
}

/** Summed RSS (kB) and CPU ticks of `root` and every descendant. */
function treeUsage(root: number): { rssKb: number; cpuTicks: number } {
  const kids = children();
  let rss = 0;
  let cpu = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    rss += rssKb(pid);
    cpu += cpuTicks(pid);
    stack.push(...(kids.get(pid) ?? []));
  }
  return { rssKb: rss, cpuTicks: cpu };
}

export function run(
  command: string,
  args: string[],
  options: { cwd?: string; sampleMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<Measured> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Measured['lines'] = [];
  let partial = '';
  let stderr = '';
  let peak = 0;
  let ticks = 0;
  const sample = () => {
    if (!child.pid) return;
    const u = treeUsage(child.pid);
    peak = Math.max(peak, u.rssKb);
    ticks = Math.max(ticks, u.cpuTicks);
  };
  const timer = setInterval(sample, options.sampleMs ?? 50);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const t = performance.now() - started;
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const text of parts) lines.push({ t, text });
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const wallMs = performance.now() - started;
      if (partial) lines.push({ t: wallMs, text: partial });
      resolve({ code: code ?? -1, wallMs, peakRssMb: Math.round(peak / 1024), cpuS: ticks / 100, lines, stderr });
    });
  });
}

export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

/** Nearest-rank quantile (p95 of 24 values is the 23rd): no interpolation between photos. */
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
