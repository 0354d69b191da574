// An embedded ICC colour profile: harmless once the pixels are converted, but it can hint at the device.
// Only the profile's description is read, by hand: the tag table and a 'desc' (v2) or 'mluc' (v4) tag.
import { Findings } from './findings.js';

function description(d: Buffer): string | undefined {
  if (d.length < 132) return undefined;
  const count = Math.min(d.readUInt32BE(128), 256);
  for (let i = 0; i < count; i++) {
    const at = 132 + i * 12;
    if (at + 12 > d.length) return undefined;
    if (d.toString('latin1', at, at + 4) !== 'desc') continue;
    const off = d.readUInt32BE(at + 4);
    const size = d.readUInt32BE(at + 8);
    if (off + Math.min(size, 12) > d.length || size < 12) return undefined;
    const type = d.toString('latin1', off, off + 4);
    if (type === 'desc') {
      const n = d.readUInt32BE(off + 8);
      return (
        d
          .toString('latin1', off + 12, Math.min(d.length, off + 12 + n, off + size))
          .replace(/\0.*$/s, '')
          .trim() || undefined
      );
    }
    if (type === 'mluc' && off + 28 <= d.length) {
      const len = d.readUInt32BE(off + 20);
      const start = off + d.readUInt32BE(off + 24);
      let end = Math.min(d.length, start + len, off + size);
      end -= (end - start) % 2;
      if (start >= end) return undefined;
      return Buffer.from(d.subarray(start, end)).swap16().toString('utf16le').replace(/\0.*$/s, '').trim() || undefined;
    }
    return undefined;
  }
  return undefined;
}

export function inspectIcc(data: Buffer, f: Findings, label: string): void {
  const name = description(data);
  f.add(name ? { kind: 'color-profile', name } : { kind: 'color-profile' }, label);
}
