// exiftool as the independent judge of outputs: every tag it reports must be structural.
import { execFileSync } from 'node:child_process';

export const hasExiftool = (() => {
  try {
    execFileSync('exiftool', ['-ver'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

/** Tags that describe only the picture's structure, by exiftool group. Anything else is a leak. */
const structural: Record<string, RegExp> = {
  SourceFile: /^SourceFile$/,
  ExifTool: /./,
  System: /./,
  File: /^(FileType|FileTypeExtension|MIMEType|ImageWidth|ImageHeight|EncodingProcess|BitsPerSample|ColorComponents|YCbCrSubSampling|ExifByteOrder)$/,
  JFIF: /^(JFIFVersion|ResolutionUnit|XResolution|YResolution)$/,
  PNG: /^(ImageWidth|ImageHeight|BitDepth|ColorType|Compression|Filter|Interlace|Palette|Transparency|SRGBRendering|Gamma)$/,
  'PNG-pHYs': /^(PixelsPerUnitX|PixelsPerUnitY|PixelUnits)$/,
  RIFF: /^(VP8Version|ImageWidth|ImageHeight|HorizontalScale|VerticalScale|AlphaPreprocessing|AlphaFiltering|AlphaCompression)$/,
  QuickTime:
    /^(MajorBrand|MinorVersion|CompatibleBrands|HandlerType|AV1Configuration\w*|Seq(Profile|LevelIdx\d|Tier\d)|HighBitDepth|TwelveBit|Monochrome|ChromaSubsampling\w*|InitialDelaySamples|MediaData|ChromaFormat|ChromaSamplePosition|ImageSpatialExtent|ImagePixelDepth|MediaDataSize|MediaDataOffset|ColorProfiles|ColorPrimaries|TransferCharacteristics|MatrixCoefficients|VideoFullRangeFlag)$/,
  Meta: /^(PrimaryItemReference)$/,
  IFD0: /^(ImageWidth|ImageHeight|BitsPerSample|Compression|PhotometricInterpretation|StripOffsets|Orientation|SamplesPerPixel|RowsPerStrip|StripByteCounts|XResolution|YResolution|PlanarConfiguration|ResolutionUnit|Predictor|SampleFormat|ExtraSamples)$/,
  GIF: /^(GIFVersion|ImageWidth|ImageHeight|HasColorMap|ColorResolutionDepth|BitsPerPixel|BackgroundColor|TransparentColor)$/,
  Composite: /^(ImageSize|Megapixels)$/,
};

export type Tags = Record<string, unknown>;

/** All tags exiftool finds, keyed "Group:Tag" (-a duplicates kept, -ee embedded data extracted). */
export function readTags(file: string): Tags {
  const out = execFileSync('exiftool', ['-j', '-a', '-G1', '-s', '-ee', '-n', '-u', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return (JSON.parse(out) as Tags[])[0];
}

/** The tags beyond the structural allowlist, as "Group:Tag=value" strings (empty = clean). */
export function leakedTags(file: string): string[] {
  return leaksIn(readTags(file));
}

/** leakedTags for many files in one exiftool run (the fuzzer judges hundreds of outputs). */
export function leakedTagsOfEach(files: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!files.length) return out;
  const json = execFileSync('exiftool', ['-j', '-a', '-G1', '-s', '-ee', '-n', '-u', ...files], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const tags of JSON.parse(json) as Tags[]) out.set(String(tags.SourceFile), leaksIn(tags));
  return out;
}

function leaksIn(tags: Tags): string[] {
  const leaks: string[] = [];
  for (const [key, value] of Object.entries(tags)) {
    const [group, tag = group] = key.includes(':') ? key.split(':') : [key, key];
    const allowed = structural[group];
    // Orientation is structural only as "normal": anything else would re-rotate upright pixels.
    if (group === 'IFD0' && tag === 'Orientation' && value !== 1) leaks.push(`${key}=${String(value)}`);
    // VP8X flags are structural only for alpha (0x10): ICC, EXIF, XMP or animation bits are leaks.
    else if (group === 'RIFF' && tag === 'WebP_Flags' && (Number(value) & ~0x10) === 0) continue;
    else if (!allowed || !allowed.test(tag)) leaks.push(`${key}=${String(value).slice(0, 80)}`);
  }
  return leaks;
}
