import { describe, expect, it } from 'vitest';
import { defaultOptions, resolveOptions } from '../src/options.js';

describe('options', () => {
  it('defaults lean to privacy: every face, blur, same format, quality ≥ 90, no neutral names', () => {
    const o = resolveOptions();
    expect(o).toMatchObject({ faces: 'all', style: 'blur', format: 'keep', rename: false, maxPixels: 100_000_000 });
    expect(o.quality).toBeGreaterThanOrEqual(90);
    expect(o.jobs).toBeGreaterThanOrEqual(1);
  });

  it('keeps defaults for values given as undefined', () => {
    expect(resolveOptions({ style: undefined, quality: undefined })).toMatchObject({ style: 'blur', quality: defaultOptions.quality });
  });

  it('refuses bad values with a sentence that names the option', () => {
    expect(() => resolveOptions({ faces: 'some' as never })).toThrow(/faces must be one of all, children, none/);
    expect(() => resolveOptions({ quality: 10 })).toThrow(/quality must be a whole number from 50 to 100/);
    expect(() => resolveOptions({ jobs: 0 })).toThrow(/jobs/);
    expect(() => resolveOptions({ color: 'red' })).toThrow(/color must look like #808080/);
    expect(() => resolveOptions({ maxSize: 8 })).toThrow(/max-size must be at least 16/);
  });
});
