// share-safely verify PATH... : exit 0 only when every file is clean by the rules each safe copy must
// pass and shows no face (the detector runs; --metadata-only checks the hidden details alone).
import path from 'node:path';
import { collectPhotos, errorView, isVideoFile, verifyFile, verifyVideoFile, visibleFaces, type VerifyReport } from '../src/index.js';
import { problemText, type Words } from '../src/contract/index.js';
import { EXIT_OK, EXIT_SOME_FAILED } from './exit.js';
import { shown } from './shown.js';
import { noteCollected } from './collected.js';

export interface Verified extends VerifyReport {
  /** Faces the detector can see (undefined with --metadata-only, or when the file could not be read). */
  faces?: number;
  /** A clip: its faces were looked for in a spread of its frames. */
  video?: boolean;
}

/** Clean metadata and no visible face; a file that cannot be read is not safe. */
export const isSafe = (r: Verified) => r.clean && !r.faces;

export function verifyText(r: Verified, w: Words, cwd = process.cwd()): string {
  const name = shown(path.relative(cwd, r.path) || r.path);
  if (isSafe(r)) return `✓ ${name}: ${w.t(r.faces === undefined ? 'cli.verify.cleanMetadata' : 'cli.verify.safe')}`;
  const lines = [`✗ ${name}: ${w.t('cli.verify.notSafe')}`];
  if (r.faces) lines.push(`    ${w.plural(r.video ? 'video.verify.faces' : 'cli.verify.faces', r.faces)}`);
  for (const p of r.problems) lines.push(`    ${shown(problemText(p, w))}`);
  return lines.join('\n');
}

async function verifyOne(file: string, metadataOnly: boolean): Promise<Verified> {
  if (await isVideoFile(file)) return { ...(await verifyVideoFile(file, { faces: !metadataOnly })), video: true };
  const r: Verified = await verifyFile(file);
  if (metadataOnly || !r.format) return r;
  try {
    r.faces = (await visibleFaces(file)).length;
  } catch (e) {
    r.clean = false;
    r.problems.push({ code: 'unreadable', message: errorView(e).message });
  }
  return r;
}

export async function verifyCommand(
  paths: string[],
  flags: { recursive?: boolean; json?: boolean; metadataOnly?: boolean },
  w: Words,
): Promise<number> {
  const collected = await collectPhotos(paths, { recursive: Boolean(flags.recursive), includeOutputs: true, videos: true });
  // Paths that are not files to check are reported by noteCollected, and count as not safe.
  const reports: Verified[] = collected.problems.map((p) => ({
    path: p.path,
    clean: false,
    problems: [{ code: 'unreadable', message: p.message }],
  }));
  for (const item of collected.items) {
    const r = await verifyOne(item.input, Boolean(flags.metadataOnly));
    reports.push(r);
    if (!flags.json) process.stdout.write(`${verifyText(r, w)}\n`);
  }
  if (flags.json)
    process.stdout.write(
      `${JSON.stringify(
        reports.map((r) => ({ ...r, safe: isSafe(r) })),
        null,
        2,
      )}\n`,
    );
  noteCollected(collected, w);
  // Nothing checked is not "clean": a script that gates an upload on verify must not pass on an empty folder.
  return reports.length > 0 && reports.every(isSafe) ? EXIT_OK : EXIT_SOME_FAILED;
}
