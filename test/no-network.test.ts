// Local only, proven: the CLI runs end to end with every socket, DNS lookup and fetch trapped.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, copySamples, repoRoot } from './helpers/cli.js';

const trap = path.join(path.dirname(new URL(import.meta.url).pathname), 'helpers', 'network-trap.mjs');

function trapped(args: string[]) {
  const log = path.join(mkdtempSync(path.join(tmpdir(), 'trap-')), 'attempts.log');
  const r = spawnSync(process.execPath, ['--import', trap, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NETWORK_TRAP_LOG: log },
    timeout: 180_000,
  });
  return { code: r.status, stderr: r.stderr, attempts: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [] };
}

describe('no network', () => {
  it('the trap records an attempt (so a silent run means something)', () => {
    const r = trapped([
      '-e',
      "for (const f of [() => fetch('http://example.com'), () => require('node:dns').lookup('example.com', () => {})]) try { f(); } catch {}",
    ]);
    expect(r.attempts.length).toBe(2);
  });

  it('the trap reaches worker threads started from a file, as the engine starts them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trap-worker-'));
    const worker = path.join(dir, 'worker.mjs');
    writeFileSync(worker, "import https from 'node:https'; try { https.get('https://example.com'); } catch {}");
    const r = trapped(['-e', `new (require('node:worker_threads').Worker)(${JSON.stringify(worker)})`]);
    expect(r.attempts).toEqual(['https.request https://example.com']);
  });

  it('makes zero attempts while inspecting, covering faces in several photos and verifying', () => {
    const dir = copySamples(['IMG_20240503_140212.jpg', 'IMG_0042.heic', 'cameraman.png', 'astronaut.webp']);
    const runs = [
      trapped([cliPath, 'inspect', dir]),
      trapped([cliPath, '-j', '2', '--faces', 'children', dir]),
      trapped([cliPath, 'verify', dir]),
    ];
    expect(runs.map((r) => r.attempts)).toEqual([[], [], []]);
    expect(runs[1].code, runs[1].stderr).toBe(0);
  });
});

// The trap above sees Node's sockets only; a native library opens its own. onnxruntime's builds from
// 1.29 on carry Microsoft's 1DS telemetry uploader (it writes a device id under ~/.cache and posts to
// a collector), so the project pins a release without it, for every platform it ships: this fails if
// an upgrade brings the uploader back.
describe('the face detector runtime', () => {
  it('carries no telemetry uploader in any of its native libraries', () => {
    const bin = path.join(repoRoot, 'node_modules', 'onnxruntime-node', 'bin');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(so(\.\d+)*|dylib|dll|node)$/.test(name)) files.push(p);
      }
    };
    walk(bin);
    expect(files.length).toBeGreaterThanOrEqual(6);
    const marks = ['events.data.microsoft.com', 'OneCollector', 'DeveloperTools'];
    const found = files.flatMap((f) => {
      const text = readFileSync(f).toString('latin1');
      return marks.filter((m) => text.includes(m)).map((m) => `${path.relative(bin, f)}: ${m}`);
    });
    expect(found).toEqual([]);
  });
});
