// Runs the compiled engine the way the CLI does (runBatch: the worker pool), printing one JSON line
// per result as it arrives, or, with mode "load", how long the detector takes to become ready in a
// fresh process. Usage: node drive.mjs '{"mode": "batch", "files": [...], "options": {...}}'
//                       node drive.mjs '{"mode": "load"}'
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'src');
const args = JSON.parse(process.argv[2]);

if (args.mode === 'load') {
  const t0 = performance.now();
  const faces = await import(path.join(dist, 'faces', 'index.js'));
  const t1 = performance.now();
  // Every model the default path loads up front: YuNet and the person detector.
  await faces.loadModels();
  const t2 = performance.now();
  await faces.warmUp();
  const t3 = performance.now();
  process.stdout.write(`${JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, warmMs: t3 - t2 })}\n`);
} else {
  const { runBatch } = await import(path.join(dist, 'index.js'));
  const items = args.files.map((input) => ({ input }));
  await runBatch(items, args.options, (result) => process.stdout.write(`${JSON.stringify(result)}\n`));
}
