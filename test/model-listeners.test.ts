// Loading the detector leaves the process's error handling to its owner: the wasm glue's handlers
// (which turn any unhandled rejection into a crash) are removed, and nobody else's are.
// Runs the compiled engine in a child process (npm test builds dist/), as an application would.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

const model = pathToFileURL(path.join(repoRoot, 'dist', 'src', 'faces', 'model.js')).href;

const script = `
import { faceApi } from ${JSON.stringify(model)};
const seen = [];
const loading = faceApi();
// Added while the model loads, as a host application or another library might.
const mine = (reason) => seen.push(String(reason));
process.on('unhandledRejection', mine);
await loading;
const kept = process.listeners('unhandledRejection').includes(mine);
Promise.reject(new Error('nobody awaits this'));
setTimeout(() => console.log(JSON.stringify({ kept, seen, uncaught: process.listeners('uncaughtException').length })), 50);
`;

describe('loading the face detector', () => {
  it('keeps a rejection listener added during the load, and an unhandled rejection goes to it instead of crashing', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kept: true, seen: ['Error: nobody awaits this'], uncaught: 0 });
  });
});
