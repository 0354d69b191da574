// Running Windows programs under Wine for the tests. Nothing of the Linux session reaches the
// Windows side but what Wine needs; outputs go to files, because Windows Node cannot write to a pipe
// under Wine (EBADF); paths map between the prefix's C: drive and Linux.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const debianWine = '/usr/lib/wine/wine64';
/** Debian's wine64 package puts the loader and wineserver here, and nothing on PATH. */
export const wine64 = existsSync(debianWine) ? debianWine : 'wine64';
const wineserver = existsSync(debianWine) ? path.join(path.dirname(debianWine), 'wineserver') : 'wineserver';

/** The Windows user: Wine names the profile after USER, so C:\users\Léa Dupont\… has a space and an accent. */
export const windowsUser = 'Léa Dupont';

export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class Wine {
  private outputs = 0;

  /** `prefix` is a WINEPREFIX; `scratch` a Linux folder for outputs, and HOME. */
  constructor(
    readonly prefix: string,
    readonly scratch: string,
  ) {}

  get env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: this.scratch,
      USER: windowsUser,
      LOGNAME: windowsUser,
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      WINEPREFIX: this.prefix,
      WINEDEBUG: '-all',
      // No Mono or Gecko: Wine would offer to download them.
      WINEDLLOVERRIDES: 'mscoree,mshtml=',
    };
  }

  get driveC(): string {
    return path.join(this.prefix, 'drive_c');
  }

  get profile(): string {
    return path.join(this.driveC, 'users', windowsUser);
  }

  /** C:\… for a Linux path inside the prefix's C: drive. */
  win(unixPath: string): string {
    const rel = path.relative(this.driveC, unixPath);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`${unixPath} is not on the C: drive of ${this.prefix}`);
    return `C:\\${rel.split(path.sep).join('\\')}`;
  }

  /** The Linux path of C:\… (the prefix's drive is case-preserving; names are used as written). */
  unix(winPath: string): string {
    const m = /^C:\\(.*)$/i.exec(winPath);
    if (!m) throw new Error(`${winPath} is not on the C: drive`);
    return path.join(this.driveC, ...m[1].split('\\').filter(Boolean));
  }

  /** Runs `wine64 ARGS…` from the user's profile folder and waits, at most `timeoutMs`; `env` adds variables (Wine hands them on). */
  run(args: string[], timeoutMs = 120_000, env: NodeJS.ProcessEnv = {}): Promise<Exit> {
    const n = ++this.outputs;
    const out = path.join(this.scratch, `out-${n}.txt`);
    const err = path.join(this.scratch, `err-${n}.txt`);
    const fds = [openSync(out, 'w'), openSync(err, 'w')];
    return new Promise((resolve, reject) => {
      const cwd = [this.profile, this.driveC, this.scratch].find((d) => existsSync(d));
      const child = spawn(wine64, args, { cwd, env: { ...this.env, ...env }, stdio: ['ignore', fds[0], fds[1]] });
      fds.forEach((fd) => closeSync(fd));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') });
      });
    });
  }

  /** Runs wineserver with `args` (-p: stay up between programs; -w: wait until all ended; -k: end all). */
  server(...args: string[]): Promise<Exit> {
    return new Promise((resolve, reject) => {
      const child = spawn(wineserver, args, { env: this.env, stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout: '', stderr: '' }));
    });
  }

  /** The keys and string values under `key` as reg.exe exports them, or undefined when there is no such key. */
  async regExport(key: string): Promise<Map<string, Record<string, string>> | undefined> {
    const file = path.join(this.driveC, `export-${++this.outputs}.reg`);
    const r = await this.run(['reg', 'export', key, this.win(file), '/y']);
    if (r.code !== 0) return undefined;
    const bytes = readFileSync(file);
    rmSync(file);
    return parseReg(bytes);
  }

  /** The command lines of the Windows processes running in this prefix (Wine shows them in /proc). */
  processes(): string[][] {
    const lines: string[][] = [];
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
        if (!env.includes(`WINEPREFIX=${this.prefix}`)) continue;
        lines.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean));
      } catch {
        // the process ended, or is not ours to read
      }
    }
    return lines;
  }
}

/** A .reg file (UTF-16LE with a BOM): each [key] with its "name"="string" values; other value types are skipped. */
function parseReg(bytes: Buffer): Map<string, Record<string, string>> {
  const text = bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
  const keys = new Map<string, Record<string, string>>();
  let values: Record<string, string> | undefined;
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  for (const line of text.split(/\r?\n/)) {
    const key = /^\[(.+)\]$/.exec(line);
    if (key) keys.set(key[1], (values = {}));
    const value = /^(@|"((?:[^"\\]|\\.)*)")="((?:[^"\\]|\\.)*)"$/.exec(line);
    if (value && values) values[value[1] === '@' ? '' : unescape(value[2])] = unescape(value[3]);
  }
  return keys;
}
