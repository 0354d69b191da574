// Faces a person would see in a finished picture: what `verify` and `inspect` report, so a parent
// never reads "clean" about a photo that still shows faces.
import type { Options } from './options.js';
import { analyze } from './pipeline.js';
import type { Face } from './types.js';

/**
 * How sure the detector must be. The pipeline covers far less sure detections (a missed face is the
 * worst failure) and re-checks covers at this level; a safe copy's blurred covers score well below it.
 */
const visibleScore = 0.6;

/** Faces the detector is sure of, or a face region the file declares. Throws a SafeError when the file cannot be read. */
export async function visibleFaces(path: string, options: Partial<Options> = {}): Promise<Face[]> {
  const a = await analyze(path, { ...options, faces: 'all' });
  return a.faces.filter((f) => f.source === 'file' || f.score >= visibleScore);
}
