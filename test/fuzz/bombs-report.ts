// Figures for the README: how fast each decompression bomb is refused and the CLI's peak memory meanwhile,
// beside a normal photo for comparison. Run after a build: npx tsx test/fuzz/bombs-report.ts
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeBombs, runMeasured } from '../helpers/bombs.js';
import { samplesDir } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'bombs-'));
const rows: string[][] = [['file', 'declared', 'outcome', 'time', 'CLI peak RSS']];
const row = (file: string, declared: string | undefined, args: string[]) => {
  const r = runMeasured(['--faces', 'none', '--json', '--out', path.join(dir, 'out'), ...args]);
  type File = { status: string; error: { code: string } | null; ms: number; width: number | null; height: number | null };
  const f = (JSON.parse(r.stdout) as { files: File[] }).files[0];
  rows.push([file, declared ?? `${f.width}×${f.height}`, f.error?.code ?? f.status, `${f.ms} ms`, `${r.peakMb} MB`]);
};
for (const b of await makeBombs(dir)) row(b.name, `${b.width}×${b.height}`, [path.join(dir, b.name)]);
row('cameraman.png (normal photo)', undefined, [path.join(samplesDir, 'cameraman.png')]);
row('IMG_20240503_140212.jpg (normal photo)', undefined, [path.join(samplesDir, 'IMG_20240503_140212.jpg')]);
const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i])).join('  '));
