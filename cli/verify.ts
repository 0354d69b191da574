// share-safely verify PATH... : exit 0 only when every file is clean by the rules each safe copy must
// pass and the detector finds no face in it (--metadata-only checks the hidden details alone). It says
// what was checked, not more: a detector that finds no face has not proved there is none, so a copy
// that was "check it" when it was made says so again.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  checksWhenMade,
  collectPhotos,
  errorView,
  inspectFile,
  isVideoFile,
  verifyFile,
  verifyVideoFile,
  visibleFaces,
  type Finding,
  type VerifyReport,
} from '../src/index.js';
import {
  describeFinding,
  problemCodes,
  problemText,
  warningShort,
  type ProblemCode,
  type WarningCode,
  type Words,
} from '../src/contract/index.js';
import { EXIT_OK, EXIT_SOME_FAILED } from './exit.js';
import { shown } from './shown.js';
import { noteCollected } from './collected.js';

export interface Verified extends VerifyReport {
  /** Faces the detector can see (undefined with --metadata-only, or when the file could not be read). */
  faces?: number;
  /** What is left, as inspect names it (place, dates, camera…), when the file is not clean. */
  leftovers?: Finding[];
  /** Why the copy was "check it" when this user made it; still true when verify finds no face. */
  toCheck?: WarningCode[];
  /** A clip: its faces were looked for in a spread of its frames. */
  video?: boolean;
}

/** Clean metadata and no visible face; a file that cannot be read is not safe. */
export const isSafe = (r: Verified) => r.clean && !r.faces;

/** Problems about the file itself; every other problem is a leftover the leftovers' lines already name (a detail, a thumbnail, a video…). */
const aboutTheFile: ProblemCode[] = ['not-an-image', 'unreadable', 'structure', 'wrong-format', 'wrong-size'];
const namedByLeftovers = problemCodes.filter((c) => !aboutTheFile.includes(c));

function leftoverLines(r: Verified, w: Words): string[] {
  const lines = (r.leftovers ?? []).map((f) => {
    const d = describeFinding(f, w);
    return `    ${d.sensitive ? '•' : '·'} ${shown(d.text)}${d.detail ? `  (${shown(d.detail)})` : ''}`;
  });
  const rest = r.problems.filter((p) => !(lines.length && namedByLeftovers.includes(p.code)));
  // One line per kind of problem: the verifier finds one per box or tag, a parent needs it once.
  const said = new Set(rest.map((p) => problemText(p, w)));
  return [...lines, ...[...said].map((t) => `    ${shown(t)}`)];
}

export function verifyText(r: Verified, w: Words, cwd = process.cwd()): string {
  const name = shown(path.relative(cwd, r.path) || r.path);
  if (isSafe(r)) {
    const said = w.t(r.faces === undefined ? 'cli.verify.cleanMetadata' : 'cli.verify.safe');
    if (!r.toCheck?.length) return `✓ ${w.t('cli.line', { name, text: said })}`;
    const reasons = r.toCheck.map((c) => w.t(warningShort[c])).join(', ');
    return `! ${w.t('cli.line', { name, text: said })}\n    ! ${w.t('cli.verify.stillCheck', { reasons })}`;
  }
  const lines = [`✗ ${w.t('cli.line', { name, text: w.t('cli.verify.notSafe') })}`];
  if (r.faces) lines.push(`    ${w.plural(r.video ? 'video.verify.faces' : 'cli.verify.faces', r.faces)}`);
  const left = leftoverLines(r, w);
  if (left.length && r.leftovers?.length) lines.push(`    ${w.t('cli.verify.leftover')}`);
  lines.push(...left);
  return lines.join('\n');
}

async function verifyOne(file: string, metadataOnly: boolean): Promise<Verified> {
  if (await isVideoFile(file)) return { ...(await verifyVideoFile(file, { faces: !metadataOnly })), video: true };
  const r: Verified = await verifyFile(file);
  if (!r.format) return r;
  if (!r.clean) {
    const i = await inspectFile(file);
    if (i.ok && i.findings?.length) r.leftovers = i.findings;
  }
  if (metadataOnly) return r;
  try {
    r.faces = (await visibleFaces(file)).length;
  } catch (e) {
    r.clean = false;
    r.problems.push({ code: 'unreadable', message: errorView(e).message });
    return r;
  }
  const toCheck = await checksWhenMade(await readFile(file)).catch(() => []);
  if (toCheck.length) r.toCheck = toCheck;
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
