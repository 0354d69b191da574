// What every command says about the photos it gathered from the paths named, before working on them:
// the files it left out and why, the subfolders it did not enter, a folder that held no photo.
import path from 'node:path';
import type { Collected } from '../src/index.js';
import { errorText, skippedText, type Words } from '../src/contract/index.js';
import { shown } from './shown.js';

/** The files a walk left out, by name (shown escaped: names come from outside). */
export const skippedNames = (collected: Pick<Collected, 'skipped'>) =>
  collected.skipped.map((s) => ({ name: shown(path.basename(s.path)), ...(s.what ? { what: s.what } : {}) }));

/** Paths that could not be used, then what was left out; silence would read as "all done". */
export function noteCollected(collected: Collected, w: Words, quiet = false): void {
  for (const p of collected.problems) process.stderr.write(`✗ ${shown(p.path)}: ${shown(errorText(p, w))}\n`);
  const skipped = skippedText(skippedNames(collected), w);
  if (skipped && !quiet) process.stderr.write(`${skipped}\n`);
  if (collected.skippedFolders && !quiet) process.stderr.write(`${w.plural('cli.skippedFolders', collected.skippedFolders)}\n`);
  if (!collected.items.length) process.stderr.write(`share-safely: ${w.t('cli.noPhotos')}\n`);
}
