// PNG allowlist: the chunks that draw the pixels and harmless colour/density chunks. No text, eXIf, tIME,
// iCCP (see verify/jpeg.ts for why profiles are refused), no animation, nothing after IEND.
import { walkPng } from '../containers/png.js';
import { problem, structureProblems, trailerProblem, type Check } from './check.js';

const allowed = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND', 'sRGB', 'gAMA', 'cHRM', 'pHYs', 'sBIT', 'bKGD', 'cICP']);
const words: Record<string, string> = {
  tEXt: 'a text chunk',
  zTXt: 'a compressed text chunk',
  iTXt: 'an international text chunk',
  eXIf: 'an EXIF chunk',
  tIME: 'a modification time',
  iCCP: 'an ICC colour profile',
  acTL: 'an animation (several frames)',
};

export function checkPng(b: Buffer): Check {
  const s = walkPng(b);
  const c: Check = { width: s.width, height: s.height, problems: structureProblems(s.issues) };
  if (s.chunks[0]?.type !== 'IHDR') c.problems.push(problem('structure', 'The PNG does not start with its header chunk.'));
  for (const ch of s.chunks) {
    if (allowed.has(ch.type)) continue;
    const code =
      ch.type === 'iCCP' ? 'color-profile' : ch.type === 'acTL' || ch.type === 'fcTL' || ch.type === 'fdAT' ? 'animated' : 'metadata';
    c.problems.push(problem(code, `The PNG still has ${words[ch.type] ?? `a "${ch.type}" chunk`}; only image data is allowed.`));
  }
  if (s.end !== undefined && s.trailer > 0) c.problems.push(trailerProblem(s.trailer, 'PNG image'));
  return c;
}
