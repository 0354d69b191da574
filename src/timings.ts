// Where one photo's time goes, stage by stage. The benchmark reads it; it changes nothing else.
export type Stage = 'read' | 'inspect' | 'decode' | 'detect' | 'plan' | 'cover' | 'recheck' | 'encode' | 'write' | 'verify';
/** Milliseconds per stage. */
export type Timings = Partial<Record<Stage, number>>;

/** Runs `work`, adding how long it took to `into[stage]`. */
export async function timed<T>(into: Timings, stage: Stage, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    into[stage] = Math.round(((into[stage] ?? 0) + performance.now() - started) * 10) / 10;
  }
}
