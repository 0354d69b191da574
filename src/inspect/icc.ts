// An embedded ICC colour profile: harmless once the pixels are converted, but it can hint at the device.
import * as exifr from './exifr.js';
import { Findings, sizeText } from './findings.js';

export async function inspectIcc(data: Buffer, f: Findings, label: string): Promise<void> {
  let name: string | undefined;
  try {
    const p = (await exifr.sidecar(data, { mergeOutput: false }, 'icc')) as Record<string, unknown> | undefined;
    const d = p?.ProfileDescription;
    name = typeof d === 'string' && d.trim() ? d.trim() : undefined;
  } catch {
    name = undefined;
  }
  const what = name ? `"${name}"` : 'unnamed';
  f.add('color-profile', `A colour profile (${what}, ${sizeText(data.length)}, ${label})`, name ? { profile: name } : undefined, false);
}
