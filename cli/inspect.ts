// share-safely inspect PATH... : what each photo gives away, in plain words.
import path from 'node:path';
import { byteSize, collectPhotos, inspectFile, type FileInspection } from '../src/index.js';
import { EXIT_OK, EXIT_SOME_FAILED } from './exit.js';
import { shown } from './shown.js';
import { noteCollected } from './collected.js';

function inspectionText(i: FileInspection, cwd = process.cwd()): string {
  const name = shown(path.relative(cwd, i.path) || i.path);
  if (!i.ok) return `✗ ${name}: ${shown(i.error?.message ?? '')}`;
  const dims = i.width && i.height ? `, ${i.width}×${i.height}` : '';
  const lines = [`${name} — ${i.format?.toUpperCase()}${dims}, ${byteSize(i.bytes ?? 0)}`];
  const findings = i.findings ?? [];
  if (!findings.length) lines.push('  nothing found beyond the picture itself');
  for (const f of findings) lines.push(`  ${f.sensitive ? '•' : '·'} ${shown(f.text)}`);
  return lines.join('\n');
}

export async function inspectCommand(paths: string[], flags: { recursive?: boolean; json?: boolean }): Promise<number> {
  const collected = await collectPhotos(paths, { recursive: Boolean(flags.recursive), includeOutputs: true });
  const results: FileInspection[] = [];
  for (const p of collected.problems) results.push({ path: p.path, ok: false, error: { code: p.code, message: p.message } });
  for (const item of collected.items) {
    const r = await inspectFile(item.input);
    results.push(r);
    if (!flags.json) process.stdout.write(`${inspectionText(r)}\n\n`);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else for (const p of collected.problems) process.stderr.write(`✗ ${shown(p.path)}: ${shown(p.message)}\n`);
  noteCollected(collected);
  return results.some((r) => !r.ok) ? EXIT_SOME_FAILED : EXIT_OK;
}
