// What an IPTC block (Photoshop APP13 / IRB) gives away: names, places, dates, captions.
import * as exifr from './exifr.js';
import { Findings } from './findings.js';
import { texts } from './xmp.js';
import { dateValues } from './dates.js';

type Node = Record<string, unknown>;

export async function inspectIptc(block: Buffer, f: Findings, label = 'IPTC'): Promise<void> {
  let x: Node | undefined;
  try {
    x = (await exifr.sidecar(block, { mergeOutput: false }, 'iptc')) as Node | undefined;
  } catch {
    x = undefined;
  }
  if (!x || !Object.keys(x).length) {
    f.add({ kind: 'unreadable', count: 1, bytes: block.length }, label);
    return;
  }
  const join = (...keys: string[]) => [...new Set(keys.flatMap((k) => texts(x![k])))].filter((t) => !/^[\0-\x1f]*$/.test(t));
  const owner = join('Byline', 'BylineTitle', 'Credit', 'Source', 'CopyrightNotice', 'Writer', 'Contact');
  if (owner.length) f.add({ kind: 'owner', names: owner }, label);
  const place = join('Sublocation', 'City', 'State', 'Country', 'CountryCode');
  if (place.length) f.add({ kind: 'place', names: place }, label);
  const date = [...join('DateCreated'), ...join('TimeCreated')].join(' ');
  if (date) f.add({ kind: 'date', role: 'created', ...dateValues(date) }, label);
  const words = join('ObjectName', 'Headline', 'Caption', 'Keywords', 'SpecialInstructions');
  if (words.length) f.add({ kind: 'text', role: 'caption', text: words.join(', ') }, label);
  const program = join('OriginatingProgram', 'ProgramVersion');
  if (program.length) f.add({ kind: 'software', names: [program.join(' ')] }, label);
  f.add({ kind: 'block', count: 1, bytes: block.length }, label);
}
