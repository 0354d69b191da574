// Data after an image's end marker: a motion-photo video, extra images, or leftovers of an earlier
// version of the file (aCropalypse). Any of it is reported; what it looks like is said when we can tell.
import { Findings, sizeText } from './findings.js';

const mp4Brands = /^(isom|iso\d|mp4\d|mp42|avc1|qt {2}|M4V |3gp\d|heic|mif1)$/;

/** Offset of an MP4/QuickTime "ftyp" box in `d`, or -1 (searched in a bounded window). */
function findMp4(d: Buffer, from = 0, window = 64 * 1024 * 1024): number {
  let p = d.indexOf('ftyp', from, 'latin1');
  while (p >= 4 && p < from + window) {
    if (mp4Brands.test(d.toString('latin1', p + 4, p + 8))) return p - 4;
    p = d.indexOf('ftyp', p + 4, 'latin1');
  }
  return -1;
}

/** Reports `b[start..]` as a trailer; `known` bytes of it were already explained (e.g. MPF images). */
export function describeTrailer(b: Buffer, start: number, f: Findings, where: string, known = 0): void {
  const size = b.length - start;
  if (size <= 0) return;
  const t = b.subarray(start);
  const video = findMp4(t);
  const samsung = t.indexOf('SEFH', 0, 'latin1') >= 0 || t.indexOf('MotionPhoto_Data', 0, 'latin1') >= 0;
  if (video >= 0) {
    f.add('motion-video', `A hidden video (${sizeText(size - video)}) after the ${where} — a motion photo or Live Photo clip`, { bytes: size - video });
  }
  if (samsung) f.add('other', `Samsung extra data after the ${where} (can hold a motion-photo video and edit history)`, undefined, true);
  const jpeg = t.indexOf(Buffer.from([0xff, 0xd8, 0xff]));
  if (known === 0 && jpeg >= 0 && jpeg < 1024) f.add('aux-image', `Another image after the ${where}`);
  // Zero padding is short; anything long is worth reporting as data whatever it holds.
  const allZero = size <= 65536 && t.every((x) => x === 0);
  const what = allZero
    ? 'zero padding'
    : known >= size
      ? 'the extra images listed above'
      : video >= 0
        ? 'the hidden video'
        : 'it may be leftovers of an earlier version of the photo, e.g. before a crop';
  f.add('trailer', `${sizeText(size)} of data after the end of the ${where} (${what})`, { bytes: size }, !allZero || size > 4096);
}
