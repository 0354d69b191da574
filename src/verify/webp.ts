// WebP allowlist: VP8 / VP8L / ALPH and a VP8X header whose metadata and animation flags are off.
import { vp8xFlag, walkWebp } from '../containers/riff.js';
import { problem, structureProblems, trailerProblem, type Check } from './check.js';

const words: Record<string, string> = {
  EXIF: 'an EXIF chunk',
  'XMP ': 'an XMP chunk',
  ICCP: 'an ICC colour profile',
  ANIM: 'an animation',
  ANMF: 'an animation frame',
};

export function checkWebp(b: Buffer): Check {
  const s = walkWebp(b);
  const c: Check = { width: s.width, height: s.height, problems: structureProblems(s.issues) };
  let images = 0;
  for (const ch of s.chunks) {
    if (ch.fourcc === 'VP8 ' || ch.fourcc === 'VP8L') images++;
    else if (ch.fourcc === 'VP8X') {
      const f = s.vp8xFlags ?? 0;
      if (f & (vp8xFlag.exif | vp8xFlag.xmp)) c.problems.push(problem('metadata', 'The WebP header announces EXIF or XMP metadata.'));
      if (f & vp8xFlag.icc) c.problems.push(problem('color-profile', 'The WebP header announces an ICC colour profile.'));
      if (f & vp8xFlag.animation) c.problems.push(problem('animated', 'The WebP header announces an animation.'));
    } else if (ch.fourcc !== 'ALPH') {
      const code = ch.fourcc === 'ICCP' ? 'color-profile' : ch.fourcc.startsWith('AN') ? 'animated' : 'metadata';
      c.problems.push(
        problem(
          code,
          `The WebP still has ${words[ch.fourcc] ?? `a "${ch.fourcc.replace(/[^\x20-\x7e]/g, '?')}" chunk`}; only image data is allowed.`,
        ),
      );
    }
  }
  if (images !== 1) c.problems.push(problem('structure', `The WebP has ${images} image bitstreams instead of exactly one.`));
  if (s.end !== undefined && s.trailer > 0) c.problems.push(trailerProblem(s.trailer, 'WebP image'));
  return c;
}
