// Data after an image's end marker: a motion-photo video, extra images, or leftovers of an earlier
// version of the file (aCropalypse). Any of it is reported; what it looks like is said when we can tell.
import { Findings } from './findings.js';

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

/** Reports `b[start..]` as a trailer of the `where` format; `known` bytes of it were already explained (e.g. MPF images). */
export function describeTrailer(b: Buffer, start: number, f: Findings, where: string, known = 0): void {
  const size = b.length - start;
  if (size <= 0) return;
  const t = b.subarray(start);
  const video = findMp4(t);
  const samsung = t.indexOf('SEFH', 0, 'latin1') >= 0 || t.indexOf('MotionPhoto_Data', 0, 'latin1') >= 0;
  if (video >= 0) {
    f.add({ kind: 'motion-video', bytes: size - video }, where);
  }
  if (samsung) f.add({ kind: 'unknown', count: 1, names: ['Samsung'] });
  const jpeg = t.indexOf(Buffer.from([0xff, 0xd8, 0xff]));
  if (known === 0 && jpeg >= 0 && jpeg < 1024) f.add({ kind: 'aux-image', what: 'extra', count: 1 }, where);
  // Zero padding is short; anything long is worth reporting as data whatever it holds.
  const allZero = size <= 65536 && t.every((x) => x === 0);
  const content = allZero ? 'padding' : known >= size ? 'extra-images' : video >= 0 ? 'video' : 'unknown';
  f.add({ kind: 'trailer', content, bytes: size }, where, !allZero || size > 4096);
}
