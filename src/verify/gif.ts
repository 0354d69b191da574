// GIF allowlist: one image, optionally with its graphic-control extension (transparency) and a NETSCAPE
// loop extension (encoders add it even for one frame; it holds a loop count and nothing else).
import { walkGif } from '../containers/gif.js';
import { problem, structureProblems, trailerProblem, type Check } from './check.js';

export function checkGif(b: Buffer): Check {
  const s = walkGif(b);
  const c: Check = { width: s.width, height: s.height, problems: structureProblems(s.issues) };
  for (const blk of s.blocks) {
    if (blk.kind === 'image' || blk.kind === 'graphic-control') continue;
    if (blk.kind === 'application' && blk.application === 'NETSCAPE2.0' && blk.end - blk.offset === 19) continue;
    if (blk.kind === 'comment') c.problems.push(problem('comment', 'A GIF comment remains.'));
    else if (blk.kind === 'application')
      c.problems.push(
        problem('metadata', `GIF application data "${(blk.application ?? '?').replace(/[^\x20-\x7e]/g, '.')}" remains (it may be XMP).`),
      );
    else c.problems.push(problem('metadata', `A GIF ${blk.kind} block remains.`));
  }
  if (s.frames !== 1)
    c.problems.push(problem(s.frames > 1 ? 'animated' : 'structure', `The GIF has ${s.frames} frames instead of exactly one.`));
  if (s.end !== undefined && s.trailer > 0) c.problems.push(trailerProblem(s.trailer, 'GIF image'));
  return c;
}
