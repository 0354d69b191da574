// Runs @doyensec/electronegativity over electron/ through its programmatic API.
// Two things are patched around the tool, not in it: its CLI needs commander 5 while the project
// has 14 (the API does not need commander at all), and it fetches translation updates from the
// network on every run, which a local-only project does not allow: that request gets a stub that
// fails at once, so the tool falls back to its bundled English strings.
// `npm run audit:electron` prints the findings; the test asserts none is above informational.
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EngIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
  confidence: { name: string; value: number };
  description: string;
  manualReview?: boolean;
}

export interface EngResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: EngIssue[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

type Loader = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;

export async function runElectronegativity(input = path.join(root, 'electron'), output?: string): Promise<EngResult> {
  const mod = Module as unknown as { _load: Loader };
  const original = mod._load;
  mod._load = function (request, parent, isMain) {
    if (request === 'got' && parent?.filename?.includes(`${path.sep}@doyensec${path.sep}electronegativity${path.sep}`)) {
      return () => Promise.reject(new Error('network disabled'));
    }
    return original.call(this, request, parent, isMain);
  };
  const log = console.log;
  try {
    // The tool prints a line when the (stubbed) translation download fails; keep the output clean.
    console.log = (...args: unknown[]) =>
      String(args[0]).startsWith('Could not retrieve updated translations') ? undefined : log(...args);
    const run = require('@doyensec/electronegativity') as (options: object) => Promise<EngResult>;
    const electronVersion = (require('electron/package.json') as { version: string }).version;
    return await run({
      input,
      output,
      isSarif: false,
      customScan: [],
      // Looks up Electron's release notes online on every run; the Electron version is kept current
      // through the lockfile and npm audit instead.
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
      severitySet: '',
      confidenceSet: '',
      isRelative: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
  } finally {
    mod._load = original;
    console.log = log;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await runElectronegativity(path.join(root, 'electron'), path.join(root, 'test-artifacts', 'electronegativity.csv'));
  for (const e of result.errors) console.log(`${e.tolerable ? 'warning' : 'ERROR'} parsing ${e.file}: ${e.message}`);
  for (const i of result.issues) {
    console.log(`${i.severity.name.padEnd(13)} ${i.confidence.name.padEnd(9)} ${i.id} ${i.file}:${i.location.line}:${i.location.column}`);
    if (i.severity.name !== 'INFORMATIONAL') console.log(`    ${i.description}`);
  }
  const serious = result.issues.filter((i) => i.severity.name !== 'INFORMATIONAL');
  console.log(
    `${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings, ${serious.length} above informational, ${result.errors.length} parse problems`,
  );
  process.exitCode = serious.length || result.errors.some((e) => !e.tolerable) ? 1 : 0;
}
