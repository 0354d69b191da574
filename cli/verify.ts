// share-safely verify PATH... : exit 0 only when every file is clean by the rules each safe copy must pass.
import path from 'node:path';
import { collectPhotos, verifyFile, type VerifyReport } from '../src/index.js';
import { EXIT_OK, EXIT_SOME_FAILED } from './exit.js';
import { shown } from './shown.js';
import { noteCollected } from './collected.js';

function verifyText(r: VerifyReport, cwd = process.cwd()): string {
  const name = shown(path.relative(cwd, r.path) || r.path);
  if (r.clean) return `✓ ${name}: clean`;
  return [`✗ ${name}: not clean`, ...r.problems.map((p) => `    ${shown(p.message)}`)].join('\n');
}

export async function verifyCommand(paths: string[], flags: { recursive?: boolean; json?: boolean }): Promise<number> {
  const collected = await collectPhotos(paths, { recursive: Boolean(flags.recursive), includeOutputs: true });
  const reports: VerifyReport[] = collected.problems.map((p) => ({ path: p.path, clean: false, problems: [{ code: p.code, message: p.message }] }));
  for (const item of collected.items) {
    const r = await verifyFile(item.input);
    reports.push(r);
    if (!flags.json) process.stdout.write(`${verifyText(r)}\n`);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  else for (const p of collected.problems) process.stderr.write(`✗ ${shown(p.path)}: ${shown(p.message)}\n`);
  noteCollected(collected);
  // Nothing checked is not "clean": a script that gates an upload on verify must not pass on an empty folder.
  return reports.length > 0 && reports.every((r) => r.clean) ? EXIT_OK : EXIT_SOME_FAILED;
}
