// One photo at a time, inside a worker thread of the pool in batch.ts (piscina calls the default export).
import { threadId, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import type { Task } from './batch.js';
import { loadModels } from './faces/index.js';
import type { Options } from './options.js';
import { processFile, type Result } from './pipeline.js';

const options = (workerData as { options: Options }).options;

// Load the detectors now, so their load overlaps reading and decoding the first photo instead of
// following it. Loading only: a warm-up inference costs a full SSD pass (it sees every input at
// 512×512) and measured slower to the first result than none. A failure here is reported by the
// photo that needs the detector, not as a crash.
if (options.faces !== 'none') loadModels().catch(() => {}); // loads face-api's nets first

// Every photo is new to libvips: its operation cache (shared by the whole process) would only hold
// on to pixels of photos already done (~50 MB of peak memory in a batch).
sharp.cache(false);

export default async function processTask(task: Task): Promise<Result> {
  task.started.postMessage(threadId);
  task.started.close();
  return processFile(task.placement, options);
}
