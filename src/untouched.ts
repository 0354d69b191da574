// Kept apart from pipeline.ts so the batch's main thread can use it without loading the engine.
import type { Result } from './pipeline.js';

/** The Result of a photo nothing was done to: skipped, or failed before anything was covered. */
export function untouched(input: string, status: 'skipped' | 'failed', ms: number): Result {
  return { input, status, faces: 0, facesCovered: 0, regions: [], kept: [], removed: [], warnings: [], ms };
}
