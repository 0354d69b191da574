import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cameraRawInTiff, sniff } from '../src/formats.js';

/** A little-endian TIFF whose IFD0 holds the given SHORT/BYTE entries (tag, type, count, value). */
function tiff(entries: [number, number, number, number][]): Buffer {
  const b = Buffer.alloc(8 + 2 + entries.length * 12 + 4);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    b.writeUInt16LE(tag, at);
    b.writeUInt16LE(type, at + 2);
    b.writeUInt32LE(count, at + 4);
    b.writeUInt32LE(value, at + 8);
  });
  return b;
}

describe('format sniffing', () => {
  it('reads the format from the content, whatever the name', () => {
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ kind: 'image', format: 'jpeg' });
    expect(sniff(Buffer.from('GIF89a....'))).toEqual({ kind: 'image', format: 'gif' });
    expect(sniff(Buffer.from('BM......'))).toEqual({ kind: 'unsupported', name: 'BMP' });
    expect(sniff(Buffer.from('hello'))).toEqual({ kind: 'unknown' });
  });

  it('tells camera RAW files that are TIFF underneath from ordinary TIFFs', async () => {
    expect(cameraRawInTiff(tiff([[0xc612, 1, 4, 0x00000101]]))).toBe('a DNG camera RAW file');
    expect(cameraRawInTiff(tiff([[0x0106, 3, 1, 32803]]))).toBe('a camera RAW file'); // colour filter array
    expect(cameraRawInTiff(tiff([[0x0106, 3, 1, 2]]))).toBeUndefined(); // RGB
    const ordinary = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .tiff()
      .toBuffer();
    expect(cameraRawInTiff(ordinary)).toBeUndefined();
  });
});
