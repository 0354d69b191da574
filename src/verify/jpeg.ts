// JPEG allowlist: SOI, APP0 JFIF (no thumbnail), DQT, SOF, DHT, DRI, SOS, RSTn, EOI — nothing else.
//
// Files from other tools: `exiftool -all=` keeps the JFIF APP0 and the Adobe APP14 segment. We accept an
// APP14 only when it is the fixed 12-byte Adobe structure (DCT version, two flag words, colour transform):
// it tells the decoder how to convert colours and holds nothing about the photo, its place, time or
// maker. Any ICC profile is refused: a profile can name the device and carry a creation date, and our own
// outputs are converted to sRGB and never need one.
import { appIdentifier, isSof, segmentData, walkJpeg } from '../containers/jpeg.js';
import { problem, structureProblems, trailerProblem, type Check } from './check.js';

const structural = new Set([0xd8, 0xd9, 0xdb, 0xc4, 0xdd, 0xda, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7]);

export function checkJpeg(b: Buffer): Check {
  const s = walkJpeg(b);
  const c: Check = { width: s.width, height: s.height, problems: structureProblems(s.issues) };
  let frames = 0;
  for (const seg of s.segments) {
    if (structural.has(seg.marker)) continue;
    if (isSof(seg.marker)) {
      frames++;
      continue;
    }
    const id = seg.marker >= 0xe0 && seg.marker <= 0xef ? appIdentifier(b, seg) : '';
    const d = segmentData(b, seg);
    if (seg.name === 'APP0' && id === 'JFIF') {
      if (d.length >= 14 && d[12] * d[13] > 0) c.problems.push(problem('thumbnail', 'The JFIF header carries a thumbnail image.'));
      else if (d.length > 14) c.problems.push(problem('metadata', `The JFIF header carries ${d.length - 14} extra bytes.`));
    } else if (seg.name === 'APP14' && id.startsWith('Adobe') && d.length === 12) {
      // Colour transform only; see the note at the top.
    } else if (seg.name === 'COM') {
      c.problems.push(problem('comment', `A comment remains: "${d.toString('latin1', 0, 60).replace(/[^\x20-\x7e]/g, '.')}".`));
    } else if (seg.name === 'APP2' && id === 'ICC_PROFILE') {
      c.problems.push(problem('color-profile', 'An ICC colour profile remains (it can name the device and carry a date).'));
    } else if (seg.name === 'APP1' && id === 'Exif') {
      c.problems.push(problem('metadata', 'An EXIF block remains (it can hold GPS, dates, the device and a thumbnail).'));
    } else if (seg.name === 'APP1' && id.startsWith('http://ns.adobe.com/xa')) {
      c.problems.push(problem('metadata', 'An XMP block remains (it can hold names, places, dates and face regions).'));
    } else if (seg.name === 'APP13') {
      c.problems.push(problem('metadata', 'A Photoshop/IPTC block remains (it can hold names, places and captions).'));
    } else if (seg.name === 'APP2' && id === 'MPF') {
      c.problems.push(problem('extra-image', 'An MPF index of extra images remains.'));
    } else {
      c.problems.push(
        problem(
          'metadata',
          `A ${seg.name} segment${id ? ` ("${id.replace(/[^\x20-\x7e]/g, '.').slice(0, 30)}")` : ''} remains; only image data is allowed.`,
        ),
      );
    }
  }
  if (frames !== 1) c.problems.push(problem('structure', `The file has ${frames} image frames instead of exactly one.`));
  if (s.end !== undefined && s.trailer > 0) c.problems.push(trailerProblem(s.trailer, 'JPEG image'));
  return c;
}
