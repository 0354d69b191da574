// How each file manager turns an entry into a process, re-implemented from the specifications and
// the file managers' sources, so tests can run the generated entries exactly as they would.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';

/** GKeyFile / desktop-entry string unescaping: \s \n \t \r \\. */
export function keyFileUnescape(v: string): string {
  return v.replace(/\\([sntr\\])/g, (_, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] as string);
}

/** The key=value pairs of one [group] of a key file (desktop entry, service menu, Nemo action). */
export function keyFileGroup(text: string, group: string): Record<string, string> {
  const out: Record<string, string> = {};
  let inside = false;
  for (const line of text.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const header = /^\[(.+)\]\s*$/.exec(line);
    if (header) {
      inside = header[1] === group;
      continue;
    }
    const eq = line.indexOf('=');
    if (inside && eq > 0) out[line.slice(0, eq).trim()] = keyFileUnescape(line.slice(eq + 1));
  }
  return out;
}

/** Splits an Exec value as the Desktop Entry Specification says: double quotes, \-escapes inside. */
export function desktopExecSplit(exec: string): string[] {
  const args: string[] = [];
  let cur = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < exec.length; i++) {
    const c = exec[i];
    if (quoted) {
      if (c === '\\' && i + 1 < exec.length) cur += exec[++i];
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') {
      quoted = true;
      started = true;
    } else if (c === ' ') {
      if (started) args.push(cur);
      cur = '';
      started = false;
    } else {
      cur += c;
      started = true;
    }
  }
  if (quoted) throw new Error(`unterminated quote in Exec: ${exec}`);
  if (started) args.push(cur);
  return args;
}

/** Field codes: %F/%U expand to one argument per file, %f/%u to the first, %% is a percent sign. */
export function expandFieldCodes(args: string[], files: string[]): string[] {
  const uris = files.map(fileUri);
  return args.flatMap((a) => {
    if (a === '%F') return files;
    if (a === '%U') return uris;
    if (a === '%f') return files.slice(0, 1);
    if (a === '%u') return uris.slice(0, 1);
    return [a.replace(/%(.)/g, (_, c: string) => (c === '%' ? '%' : ''))];
  });
}

/** A file URI the way GLib writes one (g_filename_to_uri): UTF-8 bytes, unsafe ones %-escaped. */
export function fileUri(file: string): string {
  const keep = /[A-Za-z0-9\-_.!~*'()/:@&=+$,]/;
  let out = '';
  for (const byte of Buffer.from(file, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && keep.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `file://${out}`;
}

/** g_shell_quote: single quotes, with ' as '\''. */
export function gShellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** g_shell_parse_argv: shell-like words and quotes, no expansion of any kind. */
export function gShellParseArgv(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      cur += line.slice(i + 1, end);
      i = end;
      started = true;
    } else if (c === '"') {
      i++;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && '$`"\\\n'.includes(line[i + 1])) i++;
        cur += line[i];
      }
      if (i >= line.length) throw new Error('unterminated double quote');
      started = true;
    } else if (c === '\\') {
      cur += line[++i] ?? '';
      started = true;
    } else if (/\s/.test(c)) {
      if (started) args.push(cur);
      cur = '';
      started = false;
    } else if (c === '#' && !started) {
      break;
    } else {
      cur += c;
      started = true;
    }
  }
  if (started) args.push(cur);
  return args;
}

export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs argv (argv[0] looked up on PATH like G_SPAWN_SEARCH_PATH) and waits for it. */
export function run(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Stand-ins for notify-send, xdg-open and the desktop app: each call leaves a file with its
 * arguments (NUL-separated), so tests read exactly what the action passed.
 */
export function makeStubs(dir: string): { dir: string; calls: (tool: string) => string[][] } {
  mkdirSync(dir, { recursive: true });
  const record = path.join(dir, 'calls');
  mkdirSync(record, { recursive: true });
  for (const tool of ['notify-send', 'xdg-open', 'share-safely-app']) {
    const file = path.join(dir, tool);
    writeFileSync(
      file,
      `#!/bin/sh\nf="${record}/${tool}.$(date +%s%N).$$"\nfor a in "$@"; do printf '%s\\0' "$a"; done > "$f.tmp"\nmv "$f.tmp" "$f.call"\n`,
    );
    chmodSync(file, 0o755);
  }
  return {
    dir,
    calls: (tool) =>
      readdirSync(record)
        .filter((n) => n.startsWith(`${tool}.`) && n.endsWith('.call'))
        .sort()
        .map((n) => readFileSync(path.join(record, n), 'utf8').split('\0').slice(0, -1)),
  };
}
