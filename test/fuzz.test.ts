// A few hundred hostile variants of the project's fixtures through the real CLI batch (npm run fuzz runs
// thousands, with the evaluation corpus too). Every case must end in a copy that verifies clean (verifyFile
// and exiftool) or in a refusal with a reason; see test/fuzz/run.ts for what counts as a failure.
import { describe, expect, it } from 'vitest';
import { lacks } from './helpers/oracles.js';
import { runFuzz } from './fuzz/run.js';

// exiftool judges every copy beside the project's own verifier.
describe.skipIf(lacks(import.meta.filename, 'exiftool'))('fuzzing through the CLI', () => {
  it('400 damaged files: each a clean copy or a clear refusal, no crash, hang, stray output or temp file', async () => {
    // Every 15th case runs the face detector on the damaged pixels; the rest strip metadata only (faster).
    const s = await runFuzz({ cases: 400, seed: 20241121, corpus: false, chunk: 50, jobs: 2, timeoutS: 30, facesEvery: 15 });
    expect(s.failures.map((f) => `case ${f.index} (${f.seed}; ${f.ops.join(' | ')}): ${f.problem}`)).toEqual([]);
    expect(s.outcomes).toHaveLength(400);
    // The damage must reach both ends: files that still decode, and several distinct reasons to refuse.
    expect(s.byCode.done).toBeGreaterThan(30);
    expect(Object.keys(s.byCode).filter((k) => k.startsWith('refused:')).length).toBeGreaterThanOrEqual(4);
    expect(s.outcomes.filter((o) => o.faces === 'all' && o.status === 'done').length).toBeGreaterThan(0);
  }, 600_000);
});
