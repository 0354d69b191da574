// Every real camera/phone file in ../shared/corpus/metadata ends as a verified clean copy or a clear
// refusal, and exiftool finds nothing but structural tags in any copy. Runs when the corpus is there.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lacks } from './helpers/oracles.js';
import { repoRoot, runCli } from './helpers/cli.js';
import { leakedTags } from './helpers/exiftool.js';

const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus', 'metadata');
const present = existsSync(corpus);
if (!present) console.warn(`corpus test skipped: ${corpus} is not there`);

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (name === '_docs') continue;
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (dir !== corpus) out.push(p); // MANIFEST.md and manifest.json sit at the top
  }
  return out;
}

// Refusals a person can act on. 'internal', 'verify-failed' and 'timeout' would be defects.
const acceptableRefusals = new Set(['empty', 'not-an-image', 'unsupported-format', 'truncated', 'corrupt', 'too-many-pixels', 'animated']);

describe.skipIf(!present || lacks(import.meta.filename, 'exiftool'))('the metadata corpus', () => {
  let files: string[];
  let before: Map<string, string>;
  let report: { files: any[] };
  const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

  beforeAll(() => {
    files = filesUnder(corpus);
    before = new Map(files.map((f) => [f, sha(f)]));
    const out = mkdtempSync(path.join(tmpdir(), 'corpus-'));
    // Files are named one by one: a folder walk would skip RAW, BMP and other names by extension.
    const r = runCli(['--json', '--out', out, ...files], { timeout: 600_000 });
    report = JSON.parse(r.stdout);
    const done = report.files.filter((f) => f.status === 'done');
    const refused = report.files.filter((f) => f.status === 'failed');
    const reasons = new Map<string, number>();
    for (const f of refused) reasons.set(f.error.code, (reasons.get(f.error.code) ?? 0) + 1);
    console.log(
      `corpus: ${files.length} files, ${done.length} cleaned, ${refused.length} refused (${[...reasons].map(([k, n]) => `${k} ${n}`).join(', ')})`,
    );
  }, 900_000);

  it('ends every file as a clean copy or a refusal with a reason a person can act on', () => {
    expect(report.files).toHaveLength(files.length);
    for (const f of report.files) {
      if (f.status === 'done') continue;
      expect(f.status, f.input).toBe('failed');
      expect(acceptableRefusals.has(f.error.code), `${f.input}: ${f.error.code} ${f.error.message}`).toBe(true);
      expect(f.error.message.length).toBeGreaterThan(10);
    }
    expect(report.files.filter((f) => f.status === 'done').length).toBeGreaterThan(files.length * 0.7);
  });

  it('leaves only structural tags in every copy, by exiftool', () => {
    const leaks = report.files
      .filter((f) => f.status === 'done')
      .flatMap((f) => leakedTags(f.output).map((t) => `${path.relative(corpus, f.input)}: ${t}`));
    expect(leaks).toEqual([]);
  });

  it('leaves the originals byte-identical', () => {
    for (const f of files) expect(sha(f), f).toBe(before.get(f));
  });
});
