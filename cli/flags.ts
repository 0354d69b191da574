// The batch command's flags → the engine's options. Numbers are checked here, in the option's own unit
// (seconds, megapixels, megabytes) and in the user's language; the engine checks them again in its
// own units (milliseconds, pixels, bytes), which a person never types.
import path from 'node:path';
import { resolveOptions, type Options } from '../src/index.js';
import type { MessageKey, Words } from '../src/contract/index.js';

export interface SafeFlags {
  recursive?: boolean;
  out?: string;
  rename?: boolean;
  faces: Options['faces'];
  style: Options['style'];
  color: string;
  format: Options['format'];
  quality: string;
  maxSize?: string;
  jobs?: string;
  again?: boolean;
  /** Kept for scripts written before skipping became the default; it changes nothing now. */
  skipExisting?: boolean;
  maxPixels: string;
  maxFileSize: string;
  timeout: string;
  json?: boolean;
  quiet?: boolean;
  seed?: string;
  mute?: boolean;
}

interface NumberRule {
  flag: string;
  min: number;
  max: number;
  /** Whole numbers only; otherwise a decimal (0.5 MB) is fine. */
  whole?: boolean;
  unit?: MessageKey;
}

const rules = {
  quality: { flag: '--quality', min: 50, max: 100, whole: true },
  jobs: { flag: '--jobs', min: 1, max: 64, whole: true },
  maxSize: { flag: '--max-size', min: 16, max: 100_000, whole: true },
  maxPixels: { flag: '--max-pixels', min: 0.01, max: 2000, unit: 'unit.megapixels' },
  maxFileSize: { flag: '--max-file-size', min: 0.01, max: 100_000, unit: 'unit.megabytes' },
  timeout: { flag: '--timeout', min: 0.1, max: 86_400, unit: 'unit.seconds' },
} satisfies Record<string, NumberRule>;

/** A usage mistake, already said in the user's words. */
export class FlagError extends Error {}

function number(value: string | undefined, rule: NumberRule, w: Words): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === '' ? NaN : Number(value);
  if (Number.isFinite(n) && n >= rule.min && n <= rule.max && (!rule.whole || Number.isInteger(n))) return n;
  const said = { option: rule.flag, value, min: w.number(rule.min, 2), max: w.number(rule.max, 2) };
  if (rule.flag === '--max-size') throw new FlagError(w.t('cli.usage.maxSize', said));
  if (rule.unit) throw new FlagError(w.t('cli.usage.numberOf', { ...said, unit: w.t(rule.unit) }));
  throw new FlagError(w.t('cli.usage.wholeNumber', said));
}

/** Flags → the engine's one options type. @throws FlagError for a value out of range, in the user's words */
export function optionsFromFlags(f: SafeFlags, w: Words): Options {
  if (!/^#[0-9a-fA-F]{6}$/.test(f.color)) throw new FlagError(w.t('cli.usage.badColor', { option: '--color', value: f.color }));
  const mp = number(f.maxPixels, rules.maxPixels, w);
  const mb = number(f.maxFileSize, rules.maxFileSize, w);
  const s = number(f.timeout, rules.timeout, w);
  return resolveOptions({
    faces: f.faces,
    style: f.style,
    color: f.color,
    format: f.format,
    quality: number(f.quality, rules.quality, w),
    maxSize: number(f.maxSize, rules.maxSize, w) ?? 0,
    outDir: f.out ? path.resolve(f.out) : undefined,
    rename: Boolean(f.rename),
    // A photo whose copy was already made with the same settings is not made twice, unless asked.
    skipExisting: !f.again,
    jobs: number(f.jobs, rules.jobs, w),
    maxPixels: mp === undefined ? undefined : Math.round(mp * 1e6),
    maxFileBytes: mb === undefined ? undefined : Math.round(mb * 1024 * 1024),
    timeoutMs: s === undefined ? undefined : Math.round(s * 1000),
    seed: f.seed === undefined ? undefined : Number(f.seed),
    mute: Boolean(f.mute),
  });
}
