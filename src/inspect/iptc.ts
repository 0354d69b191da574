// What an IPTC block (Photoshop APP13 / IRB) gives away: names, places, dates, captions.
import * as exifr from './exifr.js';
import { Findings, clip, sizeText } from './findings.js';
import { texts } from './xmp.js';
import { plainDate } from './dates.js';

type Node = Record<string, unknown>;

export async function inspectIptc(block: Buffer, f: Findings, label = 'IPTC'): Promise<void> {
  let x: Node | undefined;
  try {
    x = (await exifr.sidecar(block, { mergeOutput: false }, 'iptc')) as Node | undefined;
  } catch {
    x = undefined;
  }
  if (!x || !Object.keys(x).length) {
    f.add('other', `An ${label} block (${sizeText(block.length)}) that could not be read`, undefined, true);
    return;
  }
  const join = (...keys: string[]) => [...new Set(keys.flatMap((k) => texts(x![k])))].filter((t) => !/^[\0-\x1f]*$/.test(t));
  const owner = join('Byline', 'BylineTitle', 'Credit', 'Source', 'CopyrightNotice', 'Writer', 'Contact');
  if (owner.length) f.add('owner', `Creator / owner (${label}): ${clip(owner.join(', '))}`);
  const place = join('Sublocation', 'City', 'State', 'Country', 'CountryCode');
  if (place.length) f.add('location', `Place names (${label}): ${clip(place.join(', '))}`);
  const date = [...join('DateCreated'), ...join('TimeCreated')].join(' ');
  if (date) f.add('date', `Created on ${plainDate(date).text} (${label})`, { date });
  const words = join('ObjectName', 'Headline', 'Caption', 'Keywords', 'SpecialInstructions');
  if (words.length) f.add('text', `Titles, captions or keywords (${label}): ${clip(words.join(', '))}`);
  const program = join('OriginatingProgram', 'ProgramVersion');
  if (program.length) f.add('software', `Software (${label}): ${program.join(' ')}`);
  f.add('other', `An ${label} metadata block (${sizeText(block.length)})`, undefined, false);
}
