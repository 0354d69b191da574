// The one set of options. CLI flags, desktop settings and the right-click action are views of it.
import os from 'node:os';
import { coverStyles, facesPolicies, formatChoices, type CoverStyle, type FacesPolicy, type FormatChoice } from './contract/index.js';
import { SafeError } from './errors.js';

export type { CoverStyle, FacesPolicy, FormatChoice };

/** The choice lists (the contract's), keyed by option: every door's flags, settings and checks take these. */
export const choices = { faces: facesPolicies, style: coverStyles, format: formatChoices } as const;

export interface Options {
  /** Which faces to cover: every face (default), children only (age estimate, cover when unsure), none. */
  faces: FacesPolicy;
  /** How a covered region looks. Every style is irreversible by construction. */
  style: CoverStyle;
  /** Fill colour for `solid`, as #rrggbb. */
  color: string;
  /** Output format: keep the input's where sharp writes it (HEIC becomes JPEG), or force one. */
  format: FormatChoice;
  /** JPEG/WebP/AVIF quality. The default (92) keeps one re-encode the only visible loss. */
  quality: number;
  /** Downscale so the longest side is at most this many pixels (0 = keep size). */
  maxSize: number;
  /** Folder for outputs, mirroring subfolders of the inputs; undefined = beside each original. */
  outDir?: string;
  /** Neutral output names (photo-001.jpg) instead of NAME.safe.EXT: camera names leak dates. */
  rename: boolean;
  /** Skip inputs whose output already exists (re-running an interrupted batch). */
  skipExisting: boolean;
  /** Photos processed at once (one detector per worker). */
  jobs: number;
  /** Refuse images with more pixels than this (decompression bombs). */
  maxPixels: number;
  /** Refuse files larger than this many bytes. */
  maxFileBytes: number;
  /** Give up on one file after this many milliseconds. */
  timeoutMs: number;
  /** Videos: leave the sound out of the copy (a child's voice says their name). */
  mute: boolean;
  /** Seed for the cover noise. Undefined = derived from the covered content itself, so output is reproducible. */
  seed?: number;
}

export const defaultOptions: Readonly<Options> = Object.freeze({
  faces: 'all',
  style: 'blur',
  color: '#808080',
  format: 'keep',
  quality: 92,
  maxSize: 0,
  outDir: undefined,
  rename: false,
  skipExisting: false,
  jobs: Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
  maxPixels: 100_000_000,
  maxFileBytes: 200 * 1024 * 1024,
  timeoutMs: 120_000,
  mute: false,
  seed: undefined,
});

function bad(message: string): never {
  throw new SafeError('bad-option', message);
}

function intIn(name: string, v: unknown, min: number, max: number): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    bad(`${name} must be a whole number from ${min} to ${max} (got ${String(v)})`);
  }
  return n;
}

/**
 * Merges user choices over the defaults and checks every value, so each door reports the
 * same message for the same mistake.
 * @param partial the choices made (undefined values mean the default)
 * @returns every option, checked
 * @throws SafeError `bad-option` with a sentence naming the option and what it accepts
 * @example
 * const o = resolveOptions({ style: 'pixelate', jobs: 2 }); // o.quality === 92
 */
export function resolveOptions(partial: Partial<Options> = {}): Options {
  const o: Options = { ...defaultOptions, ...stripUndefined(partial) };
  for (const key of Object.keys(choices) as (keyof typeof choices)[]) {
    const allowed = choices[key] as readonly string[];
    if (!allowed.includes(o[key] as string)) bad(`${key} must be one of ${allowed.join(', ')} (got ${String(o[key])})`);
  }
  if (!/^#[0-9a-fA-F]{6}$/.test(o.color)) bad(`color must look like #808080 (got ${o.color})`);
  o.quality = intIn('quality', o.quality, 50, 100);
  o.maxSize = intIn('max-size', o.maxSize, 0, 100_000);
  if (o.maxSize !== 0 && o.maxSize < 16) bad('max-size must be at least 16 pixels');
  o.jobs = intIn('jobs', o.jobs, 1, 64);
  o.maxPixels = intIn('max-pixels', o.maxPixels, 1, 2_000_000_000);
  o.maxFileBytes = intIn('max-file-bytes', o.maxFileBytes, 1, Number.MAX_SAFE_INTEGER);
  o.timeoutMs = intIn('timeout', o.timeoutMs, 100, 24 * 3600 * 1000);
  if (o.seed !== undefined) o.seed = intIn('seed', o.seed, 0, 2 ** 31 - 1);
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
