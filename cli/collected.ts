// What every command says about the photos it gathered from the paths named, before working on them.
import type { Collected } from '../src/index.js';

/** The subfolders left out without -r, and a named folder that held no photo: silence would read as "all done". */
export function noteCollected(collected: Collected, quiet = false): void {
  if (collected.skippedFolders && !quiet) {
    process.stderr.write(`(${collected.skippedFolders} subfolder(s) not entered; add -r to include them)\n`);
  }
  if (!collected.items.length) process.stderr.write('share-safely: no photos found in what was named\n');
}
