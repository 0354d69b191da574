// TIFF allowlist: exactly one IFD of structural tags (how to read the pixels), no EXIF/GPS/XMP/IPTC/ICC/
// SubIFD pointers, no next IFD, and no bytes that neither the directory nor the pixel data use.
import { entry, tiffReader, walkTiff, type IfdEntry } from '../containers/tiff.js';
import { problem, structureProblems, type Check } from './check.js';

const structural = new Set([
  254, 255, 256, 257, 258, 259, 262, 263, 266, 273, 277, 278, 279, 280, 281, 282, 283, 284, 296, 317, 318, 319, 320, 322, 323, 324, 325,
  338, 339, 340, 341, 347, 529, 530, 531, 532,
]);
const names: Record<number, string> = {
  269: 'DocumentName',
  270: 'ImageDescription',
  271: 'Make',
  272: 'Model',
  285: 'PageName',
  305: 'Software',
  306: 'DateTime',
  315: 'Artist',
  316: 'HostComputer',
  330: 'SubIFDs',
  700: 'XMP',
  33432: 'Copyright',
  33723: 'IPTC',
  34377: 'Photoshop',
  34665: 'EXIF',
  34675: 'ICC profile',
  34853: 'GPS',
  37510: 'UserComment',
  40091: 'XPTitle',
  40093: 'XPAuthor',
};
/** Alignment padding tolerated between the parts of the file. */
const slack = 16;

export function checkTiff(b: Buffer): Check {
  const t = walkTiff(b);
  const r = tiffReader(b);
  const ifd0 = t.ifds[0];
  if (!r || !ifd0) return { problems: [problem('structure', 'The TIFF has no readable image directory.')] };
  const num = (tag: number) => {
    const e = entry(ifd0, tag);
    return e ? r.numbers(e, 1)[0] : undefined;
  };
  const c: Check = { width: num(256), height: num(257), problems: structureProblems(t.issues) };
  if (t.ifds.length > 1 || ifd0.next)
    c.problems.push(problem('extra-image', 'The TIFF has more than one image directory (extra pages, previews or EXIF/GPS data).'));
  for (const e of ifd0.entries) {
    if (e.tag === 274) {
      if (num(274) !== 1) c.problems.push(problem('orientation', 'An orientation flag remains: viewers would turn the photo.'));
    } else if (!structural.has(e.tag)) {
      const name = names[e.tag] ?? `tag ${e.tag}`;
      const code = e.tag === 34675 ? 'color-profile' : e.tag === 330 ? 'extra-image' : 'metadata';
      c.problems.push(problem(code, `The TIFF still has ${name}; only tags that describe the pixels are allowed.`));
    }
  }
  const unused = unusedBytes(b, ifd0.offset, ifd0.entries, r);
  if (unused > 0)
    c.problems.push(problem('trailer', `${unused} bytes of the TIFF belong to nothing the image uses; they could hold anything.`));
  return c;
}

/** Bytes outside the header, the directory, the tag values and the strips/tiles (beyond small padding). */
function unusedBytes(b: Buffer, ifdAt: number, entries: IfdEntry[], r: NonNullable<ReturnType<typeof tiffReader>>): number {
  const spans: [number, number][] = [
    [0, 8],
    [ifdAt, ifdAt + 2 + entries.length * 12 + 4],
  ];
  for (const e of entries) if (e.valueBytes > 4) spans.push([e.valueOffset, e.valueOffset + e.valueBytes]);
  const pairs: [number, number][] = [
    [273, 279],
    [324, 325],
  ];
  for (const [offTag, lenTag] of pairs) {
    const offs = entries.find((e) => e.tag === offTag);
    const lens = entries.find((e) => e.tag === lenTag);
    if (!offs || !lens) continue;
    const o = r.numbers(offs, 1_000_000);
    const l = r.numbers(lens, 1_000_000);
    for (let i = 0; i < Math.min(o.length, l.length); i++) spans.push([o[i], o[i] + l[i]]);
  }
  spans.sort((a, z) => a[0] - z[0]);
  let unused = 0;
  let covered = 0;
  for (const [s, e] of spans) {
    if (s - covered > slack) unused += s - covered;
    covered = Math.max(covered, e);
  }
  if (b.length - covered > slack) unused += b.length - covered;
  return unused;
}
