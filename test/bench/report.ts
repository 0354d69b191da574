// The bench's figures as ratios, as issue 6's targets, and as a table for a person.
import type { BenchResults, FormatRuns } from './bench.js';
import type { PipelineRun, RunStats, Skipped } from './runs.js';

const ran = <T extends object>(r: T | Skipped): r is T => !('skipped' in r);

/** Time ratios (how many times the floor's time) and the speed-up over exiftool. */
export function ratiosOf(jpeg: FormatRuns) {
  const per = (a: number | null, b: number | null) => (a !== null && b !== null ? a / b : null);
  return {
    defaultVsFloor: jpeg.floor.photosPerS / jpeg.default.photosPerS,
    metadataOnlyVsFloor: jpeg.floor.photosPerS / jpeg.metadataOnly.photosPerS,
    /** The same per photo (median ms), without each process's start-up. */
    defaultVsFloorPerPhoto: per(jpeg.default.msMedian, jpeg.floor.msMedian),
    metadataOnlyVsFloorPerPhoto: per(jpeg.metadataOnly.msMedian, jpeg.floor.msMedian),
    metadataOnlySpeedupOverExiftool: ran(jpeg.exiftool) ? jpeg.metadataOnly.photosPerS / jpeg.exiftool.photosPerS : null,
    metadataOnlySpeedupOverMat2: ran(jpeg.mat2) ? jpeg.metadataOnly.photosPerS / jpeg.mat2.photosPerS : null,
  };
}

interface Target {
  value: number | null;
  target: string;
  ok: boolean | null;
}

export function targetsOf(r: BenchResults): { met: Record<string, Target>; failed: string[] } {
  const jpeg = r.formats.jpeg!;
  const check = (value: number | null, op: '<=' | '>=', limit: number): Target => ({
    value,
    target: `${op} ${limit}`,
    ok: value === null ? null : op === '<=' ? value <= limit : value >= limit,
  });
  const met: Record<string, Target> = {
    'default photos/s (JPEG)': check(jpeg.default.photosPerS, '>=', 1),
    'metadata-only / floor': check(r.ratios.metadataOnlyVsFloor, '<=', 1.3),
    'metadata-only / exiftool speed': check(r.ratios.metadataOnlySpeedupOverExiftool, '>=', 2),
    'peak RSS MB, long batch': check(ran(r.batch) ? r.batch.peakRssMb : null, '<=', 1024),
    '--help ms': check(r.startup.helpMs, '<=', 300),
    'model load ms': check(r.startup.modelLoadMs, '<=', 500),
    'first result ms': check(jpeg.default.firstResultMs, '<=', 2000),
  };
  return {
    met,
    failed: Object.entries(met)
      .filter(([, t]) => t.ok === false)
      .map(([k]) => k),
  };
}

const f = (n: number | null | undefined, digits = 0) => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));

function row(name: string, s: RunStats | PipelineRun | Skipped): string {
  if (!ran(s)) return `  ${name.padEnd(16)} skipped: ${s.skipped}`;
  const faces = 'facesPlaced' in s && s.facesPlaced ? ` ${s.facesCovered}/${s.facesPlaced}` : '';
  return (
    `  ${name.padEnd(16)} ${`${s.ok}/${s.photos}`.padStart(7)} ${f(s.photosPerS, 2).padStart(8)} ${f(s.wallS, 1).padStart(7)}` +
    ` ${f(s.msMedian).padStart(7)} ${f(s.msP95).padStart(7)} ${f(s.cpuSPerPhoto, 2).padStart(6)} ${f(s.peakRssMb).padStart(6)} ${f(s.firstResultMs).padStart(7)}${faces.padStart(9)}`
  );
}

export function printTable(r: BenchResults): void {
  const out: string[] = [];
  out.push(
    `Share Safely bench (${r.mode}) — ${r.machine.cpus} cores, Node ${r.machine.node}, ${r.settings.photoSize} photos, jobs ${r.settings.jobs}, quality ${r.settings.quality}`,
  );
  for (const note of r.inputs.notes) out.push(`  note: ${note}`);
  if (r.machine.loadavg > r.machine.cpus / 2)
    out.push(
      `  note: the machine was busy (load ${r.machine.loadavg} on ${r.machine.cpus} cores): wall times read slow; cpu s/photo is steadier`,
    );
  out.push(
    `  ${''.padEnd(16)} ${'ok'.padStart(7)} ${'photo/s'.padStart(8)} ${'wall s'.padStart(7)} ${'ms med'.padStart(7)} ${'ms p95'.padStart(7)} ${'cpu s'.padStart(6)} ${'RSS MB'.padStart(6)} ${'1st ms'.padStart(7)} ${'covered'.padStart(8)}`,
  );
  for (const [format, runs] of Object.entries(r.formats)) {
    out.push(`${format.toUpperCase()}`);
    out.push(row('floor', runs.floor), row('default', runs.default), row('metadata-only', runs.metadataOnly));
    out.push(row('exiftool -all=', runs.exiftool), row('mat2', runs.mat2));
    for (const fail of [...runs.default.failures, ...runs.metadataOnly.failures]) out.push(`  FAILED ${fail}`);
  }
  out.push(row(`batch`, r.batch));
  const stages = (p: PipelineRun) =>
    Object.entries(p.stages)
      .map(([k, v]) => `${k} ${f(v)}`)
      .join(', ');
  const jpeg = r.formats.jpeg!;
  out.push(`Stages, median ms per JPEG photo (default):       ${stages(jpeg.default)}`);
  out.push(`Stages, median ms per JPEG photo (metadata-only): ${stages(jpeg.metadataOnly)}`);
  const s = r.startup;
  out.push(
    `Start-up: --help ${f(s.helpMs)} ms; detector import ${f(s.modelImportMs)} ms, model load ${f(s.modelLoadMs)} ms, first inference ${f(s.modelWarmMs)} ms; CLI on one photo ${f(s.cliOnePhotoMs)} ms`,
  );
  const q = r.ratios;
  out.push(
    `Ratios (JPEG): default/floor ${f(q.defaultVsFloor, 2)}× (per photo ${f(q.defaultVsFloorPerPhoto, 2)}×); metadata-only/floor ${f(q.metadataOnlyVsFloor, 2)}× ` +
      `(per photo ${f(q.metadataOnlyVsFloorPerPhoto, 2)}×); metadata-only is ${f(q.metadataOnlySpeedupOverExiftool, 2)}× exiftool's speed, ${f(q.metadataOnlySpeedupOverMat2, 2)}× mat2's`,
  );
  out.push(r.mode === 'smoke' ? 'Targets (issue 6; set for 12 MP photos, so a smoke run does not judge them):' : 'Targets (issue 6):');
  for (const [name, t] of Object.entries(r.targets.met)) {
    out.push(
      `  ${t.ok === null ? '·' : t.ok ? '✓' : '✗'} ${name.padEnd(32)} ${f(t.value, 2).padStart(8)}  (${t.target}${t.ok === null ? ', not measured' : ''})`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
