// npm run demo: the three commands a new user would type, on the bundled sample photos.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { userWords } from '../src/language.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'dist', 'cli', 'main.js');
const samples = path.relative(process.cwd(), path.join(root, 'test', 'fixtures', 'samples')) || '.';
const out = path.relative(process.cwd(), path.join(root, 'demo-output')) || '.';

function run(args: string[]): number {
  process.stdout.write(`\n$ share-safely ${args.join(' ')}\n`);
  return spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' }).status ?? 1;
}

// A fresh output folder each time, so the demo makes the copies rather than finding them already made.
rmSync(path.join(root, 'demo-output'), { recursive: true, force: true });
run(['inspect', samples]);
const made = run([samples, '--out', out]);
const verified = run(['verify', out]);
process.stdout.write(`\n${(await userWords()).t('cli.demo.done', { out, samples })}\n`);
process.exitCode = made || verified;
