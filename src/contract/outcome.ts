// One signal, one meaning: how a photo ended and how a batch adds up, the same for the CLI's lines
// and summary, its --json, the right-click notification and the desktop badges.
import { warningAsks, type Outcome, type WarningCode } from './codes.js';

/** What every door knows about a processed photo. */
export interface Ended {
  status: 'done' | 'skipped' | 'failed';
  warnings: readonly { code: WarningCode }[];
}

/** Failed: nothing written. Check it: written, with a warning that asks to look first. Safe: the rest. */
export function outcomeOf(r: Ended): Outcome {
  if (r.status === 'failed') return 'failed';
  return r.warnings.some((w) => warningAsks[w.code] === 'check') ? 'check' : 'safe';
}

/** The warnings of a photo that ask to look at it, each once. */
export function checkReasons(r: Ended): WarningCode[] {
  return [...new Set(r.warnings.map((w) => w.code).filter((c) => warningAsks[c] === 'check'))];
}

export interface Tally {
  /** Photos looked at in this run (skipped ones included). */
  photos: number;
  safe: number;
  toCheck: number;
  failed: number;
  /** Copies that already existed from an earlier run with the same settings: nothing new written. */
  skipped: number;
}

/** Skipped photos count apart: their copy was judged in the run that made it. */
export function tally(results: readonly Ended[], extraFailures = 0): Tally {
  const t: Tally = { photos: results.length + extraFailures, safe: 0, toCheck: 0, failed: extraFailures, skipped: 0 };
  for (const r of results) {
    if (r.status === 'skipped') t.skipped++;
    else if (outcomeOf(r) === 'failed') t.failed++;
    else if (outcomeOf(r) === 'check') t.toCheck++;
    else t.safe++;
  }
  return t;
}
