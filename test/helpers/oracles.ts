// Outside programs and data the tests judge with or build from (exiftool, mat2, Chromium, the
// skimage pictures, Wine and mingw for the Windows door). One rule for all of them: under CI=true a
// missing one fails the run, naming the Debian package; elsewhere the suite that needs it is
// skipped, and the run ends with one line saying what to install (test/helpers/global-setup.ts prints it).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export const oracles = {
  exiftool: { pkg: 'libimage-exiftool-perl', present: () => onPath('exiftool') },
  mat2: { pkg: 'mat2', present: () => onPath('mat2') },
  chromium: { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  skimage: { pkg: 'python3-skimage', present: () => existsSync(skimageData) },
  'heif-enc': { pkg: 'libheif-examples', present: () => onPath('heif-enc') },
  wine: { pkg: 'wine64', present: () => existsSync('/usr/lib/wine/wine64') || onPath('wine64') },
  mingw: { pkg: 'gcc-mingw-w64-x86-64', present: () => onPath('x86_64-w64-mingw32-gcc') },
} as const;

export type Oracle = keyof typeof oracles;

/** Debian's python3-skimage pictures (public domain / CC0): the source of the generated photos. */
export const skimageData = '/usr/lib/python3/dist-packages/skimage/data';

/** Set by the global setup: a file each skipped suite appends a line to. */
export const skipLogVar = 'SHARE_SAFELY_SKIP_LOG';

const known = new Map<string, boolean>();
function onPath(command: string): boolean {
  let found = known.get(command);
  if (found === undefined) {
    found = spawnSync('sh', ['-c', `command -v "$0"`, command], { stdio: 'ignore' }).status === 0;
    known.set(command, found);
  }
  return found;
}

/** The packages to install for the oracles among `names` that this machine lacks. */
export function missingPackages(names: readonly Oracle[]): string[] {
  return names.filter((n) => !oracles[n].present()).map((n) => oracles[n].pkg);
}

export const inCi = () => process.env.CI === 'true' || process.env.CI === '1';

/**
 * For `describe.skipIf(lacks(...))`: true when a needed oracle is missing. Under CI it throws
 * instead, so the file fails with the package to install; elsewhere the skip is recorded for the
 * end-of-run line. `suite` names the test file in that record.
 */
export function lacks(suite: string, ...names: Oracle[]): boolean {
  const pkgs = missingPackages(names);
  if (pkgs.length === 0) return false;
  if (inCi()) throw new Error(`${suite} needs ${pkgs.join(', ')}: apt-get install ${pkgs.join(' ')} (CI never skips an oracle)`);
  const log = process.env[skipLogVar];
  if (log) appendFileSync(log, `${path.basename(suite)}\t${pkgs.join(' ')}\n`);
  return true;
}
