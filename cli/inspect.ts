// share-safely inspect PATH... : what each photo gives away, in plain words: the faces found, then
// every detail the file holds, one line per fact, with where it was found. The face count is the one a
// copy starts from (the engine's analysis: every face it would cover), so inspect and the batch agree;
// a copy can cover more when the re-check after covering finds a face the first look missed.
import path from 'node:path';
import { stat } from 'node:fs/promises';
import {
  analyze,
  collectPhotos,
  errorView,
  inspectFile,
  inspectVideo,
  isVideoFile,
  type FileInspection,
  type VideoInspection,
} from '../src/index.js';
import { describeFinding, errorText, type Words } from '../src/contract/index.js';
import { EXIT_OK, EXIT_SOME_FAILED } from './exit.js';
import { shown } from './shown.js';
import { noteCollected } from './collected.js';
import { videoInspectionText } from './video.js';

/** What inspect reports for one file: the engine's inspection and, unless --metadata-only, the faces found (Result.faces of a copy). */
export interface Inspected extends FileInspection {
  faces?: number;
}

export function inspectionText(i: Inspected, w: Words, cwd = process.cwd()): string {
  const name = shown(path.relative(cwd, i.path) || i.path);
  if (!i.ok) return `✗ ${w.t('cli.line', { name, text: shown(errorText(i.error, w)) })}`;
  const dims = i.width && i.height ? `, ${i.width}×${i.height}` : '';
  const lines = [`${name} — ${i.format?.toUpperCase()}${dims}, ${w.bytes(i.bytes ?? 0)}`];
  if (i.faces !== undefined) lines.push(i.faces ? `  • ${w.plural('cli.inspect.faces', i.faces)}` : `  · ${w.t('cli.inspect.noFaces')}`);
  const findings = i.findings ?? [];
  if (!findings.length) lines.push(`  ${w.t('cli.inspect.nothing')}`);
  for (const f of findings) {
    const d = describeFinding(f, w);
    lines.push(`  ${d.sensitive ? '•' : '·'} ${shown(d.text)}${d.detail ? `  (${shown(d.detail)})` : ''}`);
  }
  return lines.join('\n');
}

async function inspectOne(file: string, metadataOnly: boolean): Promise<Inspected> {
  const r: Inspected = await inspectFile(file);
  if (!r.ok || metadataOnly) return r;
  try {
    r.faces = (await analyze(file, { faces: 'all' })).faces.length;
  } catch (e) {
    return { path: file, ok: false, error: errorView(e) };
  }
  return r;
}

export async function inspectCommand(
  paths: string[],
  flags: { recursive?: boolean; json?: boolean; metadataOnly?: boolean },
  w: Words,
): Promise<number> {
  const collected = await collectPhotos(paths, { recursive: Boolean(flags.recursive), includeOutputs: true, videos: true });
  const results: (Inspected | (VideoInspection & { ok: true; kind: 'video' }))[] = [];
  for (const p of collected.problems) results.push({ path: p.path, ok: false, error: { code: p.code, message: p.message } });
  for (const item of collected.items) {
    if (await isVideoFile(item.input)) {
      try {
        const v = await inspectVideo(item.input, { faces: !flags.metadataOnly });
        results.push({ ...v, ok: true, kind: 'video' });
        if (!flags.json) process.stdout.write(`${videoInspectionText(v, (await stat(item.input)).size, w)}\n\n`);
      } catch (e) {
        const r: Inspected = { path: item.input, ok: false, error: errorView(e) };
        results.push(r);
        if (!flags.json) process.stdout.write(`${inspectionText(r, w)}\n\n`);
      }
      continue;
    }
    const r = await inspectOne(item.input, Boolean(flags.metadataOnly));
    results.push(r);
    if (!flags.json) process.stdout.write(`${inspectionText(r, w)}\n\n`);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify({ files: results, skipped: collected.skipped }, null, 2)}\n`);
  else if (results.some((r) => r.ok))
    process.stdout.write(`${w.t('cli.inspect.legend', { sensitive: w.t('legend.sensitive'), technical: w.t('legend.technical') })}\n`);
  noteCollected(collected, w);
  return results.some((r) => !r.ok) ? EXIT_SOME_FAILED : EXIT_OK;
}
