// Runs once around the whole vitest run. Before: under CI, every oracle must be present (the run
// fails at once, naming the packages). After: one line naming the suites that were skipped for a
// missing oracle and what to install, so a developer's green run never hides one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inCi, missingPackages, oracles, skipLogVar, type Oracle } from './oracles.js';

export default function setup(): () => void {
  if (inCi()) {
    const pkgs = missingPackages(Object.keys(oracles) as Oracle[]);
    if (pkgs.length) throw new Error(`CI=true and missing: apt-get install ${pkgs.join(' ')} (.ci/run installs them)`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-skips-'));
  const log = path.join(dir, 'skips.tsv');
  process.env[skipLogVar] = log;
  // The product reads the user's saved settings, language and record of copies: the suites start from
  // none of the developer's, in English unless a test says otherwise.
  process.env.SHARE_SAFELY_CONFIG_DIR = path.join(dir, 'config');
  process.env.SHARE_SAFELY_STATE_DIR = path.join(dir, 'state');
  process.env.LANG = 'en_US.UTF-8';
  delete process.env.LC_ALL;
  delete process.env.LC_MESSAGES;
  return () => {
    let lines: string[] = [];
    try {
      lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    } catch {
      // nothing was skipped
    }
    rmSync(dir, { recursive: true, force: true });
    if (!lines.length) return;
    const suites = new Set(lines.map((l) => l.split('\t')[0]));
    const pkgs = [...new Set(lines.flatMap((l) => l.split('\t')[1]!.split(' ')))].sort();
    const n = suites.size;
    console.log(`\n${n} suite${n > 1 ? 's' : ''} skipped: install ${pkgs.join(', ')} — see README (${[...suites].sort().join(', ')})\n`);
  };
}
