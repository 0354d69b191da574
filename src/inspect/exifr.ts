// exifr ships a CommonJS build (what Node loads: everything on the default export) and an ESM build (what
// vitest and bundlers load: named exports, and a default without `sidecar`). Take each function from
// wherever this build puts it.
import * as exifrModule from 'exifr';

type Api = typeof import('exifr');
const mod = exifrModule as unknown as Partial<Api> & { default?: Partial<Api> };
const pick = <K extends 'parse' | 'sidecar'>(name: K): Api[K] => {
  const fn = mod[name] ?? mod.default?.[name];
  if (!fn) throw new Error(`exifr has no ${name}()`);
  return fn as Api[K];
};

export const parse = pick('parse');
export const sidecar = pick('sidecar');
