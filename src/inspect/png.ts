// What a PNG's chunks hold: text (AI prompts, authors, comments), eXIf, XMP, ICC, time stamps,
// ImageMagick raw profiles, and anything after IEND.
import { chunkData, inflate, readPngText, walkPng } from '../containers/png.js';
import { emptyBlocks, tiffStart, type Blocks } from './blocks.js';
import { Findings } from './findings.js';
import { describeTrailer } from './trailer.js';
import { dateValues } from './dates.js';

/** Chunks that only describe how to draw the pixels. */
const structural = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'sRGB',
  'gAMA',
  'cHRM',
  'pHYs',
  'sBIT',
  'bKGD',
  'hIST',
  'sPLT',
  'cICP',
  'mDCv',
  'cLLi',
]);
/** Keywords image generators use for their prompts and settings. */
const aiKeywords =
  /^(parameters|prompt|workflow|negative_prompt|Dream|sd-metadata|invokeai_metadata|generation_data|aesthetic_score|ai_metadata)$/i;

export function inspectPng(b: Buffer, f: Findings): Blocks {
  const s = walkPng(b);
  const blocks: Blocks = { ...emptyBlocks(), width: s.width, height: s.height };
  // Compressed text is inflated up to a total budget, so a file full of small zip bombs stays cheap.
  let budget = 16 * 1024 * 1024;
  for (const c of s.chunks) {
    if (structural.has(c.type)) continue;
    const d = chunkData(b, c);
    const text = readPngText(b, c, budget);
    if (text?.text) budget -= Buffer.byteLength(text.text);
    if (text) {
      pngText(text.keyword, text.text, c.type, blocks, f);
    } else if (c.type === 'eXIf') {
      const t = tiffStart(d);
      if (t >= 0) blocks.exif.push({ data: d.subarray(t), label: 'PNG eXIf chunk' });
      else f.add({ kind: 'unreadable', count: 1, bytes: d.length }, 'PNG eXIf');
    } else if (c.type === 'iCCP') {
      const nul = d.indexOf(0);
      const profile = nul > 0 ? inflate(d.subarray(nul + 2), budget) : undefined;
      budget -= profile?.length ?? 0;
      if (profile) blocks.icc.push({ data: profile, label: 'PNG iCCP chunk' });
      else f.add({ kind: 'color-profile' }, 'PNG iCCP');
    } else if (c.type === 'tIME' && d.length >= 7) {
      const p = (n: number) => String(n).padStart(2, '0');
      const date = `${d.readUInt16BE(0)}-${p(d[2])}-${p(d[3])} ${p(d[4])}:${p(d[5])}:${p(d[6])}`;
      f.add({ kind: 'date', role: 'modified', ...dateValues(date) }, 'PNG tIME');
    } else if (c.type === 'acTL') {
      f.add({ kind: 'animation' }, 'PNG');
    } else if (c.type !== 'fcTL' && c.type !== 'fdAT') {
      f.add({ kind: 'unknown', count: 1, bytes: c.length, names: [`PNG "${c.type}"`] });
    }
  }
  for (const issue of s.issues) f.add({ kind: 'structure', issues: [issue] }, 'PNG');
  if (s.end !== undefined && s.trailer > 0) describeTrailer(b, s.end, f, 'PNG');
  return blocks;
}

/** ImageMagick stores profiles as text: "\nexif\n    1234\n4578696600..." (hex). */
function rawProfile(text: string): Buffer | undefined {
  const m = /^\s*\S+\s+(\d+)\s+([0-9a-fA-F\s]+)$/.exec(text);
  if (!m) return undefined;
  const bytes = Buffer.from(m[2].replace(/\s+/g, ''), 'hex');
  return bytes.length ? bytes : undefined;
}

function pngText(keyword: string, text: string | undefined, chunk: string, blocks: Blocks, f: Findings): void {
  const label = `PNG ${chunk} "${keyword}"`;
  if (text === undefined) {
    f.add({ kind: 'unreadable', count: 1 }, label);
    return;
  }
  if (keyword === 'XML:com.adobe.xmp') {
    blocks.xmp.push({ xml: text, label: `XMP (PNG ${chunk})` });
    return;
  }
  const raw = /^Raw profile type (exif|app1|iptc|8bim|xmp|icc|icm)$/i.exec(keyword);
  if (raw) {
    const data = rawProfile(text);
    const type = raw[1].toLowerCase();
    if (data && (type === 'exif' || type === 'app1') && tiffStart(data) >= 0)
      blocks.exif.push({ data: data.subarray(tiffStart(data)), label: `EXIF (${label})` });
    else if (data && (type === 'iptc' || type === '8bim')) blocks.iptc.push({ data, label: `IPTC (${label})` });
    else if (data && type === 'xmp') blocks.xmp.push({ xml: data.toString('utf8'), label: `XMP (${label})` });
    else if (data && (type === 'icc' || type === 'icm')) blocks.icc.push({ data, label });
    else f.add({ kind: 'unreadable', count: 1 }, label);
    return;
  }
  if (aiKeywords.test(keyword)) f.add({ kind: 'text', role: 'ai-prompt', text }, label);
  else if (/^(author|artist|copyright|owner|creator|disclaimer|source)$/i.test(keyword)) f.add({ kind: 'owner', names: [text] }, label);
  else if (/^(creation time|create-date|modify-date|date|date:create|date:modify|date:timestamp)$/i.test(keyword))
    f.add({ kind: 'date', role: /modify/i.test(keyword) ? 'modified' : 'dated', ...dateValues(text) }, label);
  else if (/^lens$/i.test(keyword)) f.add({ kind: 'device', role: 'lens', name: text }, label);
  else if (/^(make|model|camera)$/i.test(keyword)) f.add({ kind: 'device', role: 'camera', name: text }, label);
  else if (/^software$/i.test(keyword)) f.add({ kind: 'software', names: [text] }, label);
  else if (/^comment$/i.test(keyword)) f.add({ kind: 'comment', text }, label);
  else f.add({ kind: 'text', role: 'other', text }, label);
}
