// Many photos at once: a pool of worker threads, each with its own detector (tfjs wasm backend),
// a per-file time limit enforced by stopping the worker, and results streamed as they finish.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SafeError, errorView } from './errors.js';
import { outputPathFor, type Placement } from './naming.js';
import { resolveOptions, type Options } from './options.js';
import { processFile, type Result } from './pipeline.js';
import { removeTempsOf } from './write.js';

export type OnResult = (result: Result, index: number) => void;

/** Messages between the pool and a worker (src/worker.ts). */
export interface Task {
  id: number;
  placement: Placement;
}
export interface TaskDone {
  id: number;
  result: Result;
}

// Compiled next to this file as worker.js; absent when the engine runs from TypeScript sources (tests).
const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));

function failedResult(input: string, err: SafeError, ms: number): Result {
  return { input, status: 'failed', error: errorView(err), faces: 0, regions: [], kept: [], removed: [], warnings: [], ms };
}

/** The folder each placement's output lands in (the same whatever the output format). */
function targetDir(p: Placement, o: Options): string {
  return path.dirname(outputPathFor(p, 'jpeg', o));
}

/**
 * Processes every placement; calls onResult as each finishes (in completion order) and resolves
 * with all results in input order. Never rejects for a bad photo: each failure is a Result.
 */
export async function runBatch(items: Placement[], options: Partial<Options> = {}, onResult?: OnResult): Promise<Result[]> {
  const o = resolveOptions(options);
  const results: Result[] = new Array(items.length);
  const finish = (i: number, r: Result) => {
    results[i] = r;
    onResult?.(r, i);
  };
  if (!existsSync(workerFile) || items.length === 0) {
    for (let i = 0; i < items.length; i++) finish(i, await processFile(items[i], o));
    return results;
  }
  await runPool(items, o, finish);
  return results;
}

function runPool(items: Placement[], o: Options, finish: (i: number, r: Result) => void): Promise<void> {
  const size = Math.min(o.jobs, items.length);
  let next = 0;
  let done = 0;
  // With faces to find, the first photo gets the cores to itself and the other workers start when its
  // result is in: their detector loads would otherwise slow the result a person waits for (~0.4 s here),
  // and it costs one photo's time on one core, once per batch.
  let waiting = o.faces === 'none' ? 0 : size - 1;
  return new Promise((resolve) => {
    const startWorker = () => {
      const worker = new Worker(workerFile, { workerData: { options: o } });
      let current: { index: number; started: number; timer: NodeJS.Timeout } | undefined;
      let retired = false;

      const settle = (r: Result) => {
        if (!current) return;
        clearTimeout(current.timer);
        const index = current.index;
        current = undefined;
        finish(index, r);
        done++;
        if (done === items.length) resolve();
      };
      const feed = () => {
        if (next >= items.length) {
          retired = true;
          void worker.terminate();
          return;
        }
        const index = next++;
        const timer = setTimeout(() => void stop('timeout'), o.timeoutMs);
        current = { index, started: Date.now(), timer };
        worker.postMessage({ id: index, placement: items[index] } satisfies Task);
      };
      // A worker that hangs, crashes or exceeds the time limit is replaced; its temp file is removed.
      const stop = async (why: 'timeout' | 'crash', detail?: string) => {
        if (retired) return;
        retired = true;
        const threadId = worker.threadId;
        await worker.terminate();
        if (current) {
          const index = current.index;
          const ms = Date.now() - current.started;
          await removeTempsOf(targetDir(items[index], o), threadId);
          const err = why === 'timeout'
            ? new SafeError('timeout', `gave up after ${Number((o.timeoutMs / 1000).toPrecision(3))} s; nothing was written`)
            : new SafeError('internal', `the worker processing this photo stopped (${detail ?? 'crash'}); nothing was written`);
          settle(failedResult(items[index].input, err, ms));
        }
        if (done < items.length && next < items.length) startWorker();
        startOthers();
      };

      worker.on('message', (msg: TaskDone) => {
        settle(msg.result);
        feed();
        startOthers();
      });
      worker.on('error', (e) => void stop('crash', e.message));
      worker.on('exit', (code) => {
        if (!retired) void stop('crash', `exit code ${code}`);
      });
      feed();
    };
    const startOthers = () => {
      for (; waiting > 0 && next < items.length; waiting--) startWorker();
    };
    for (let i = waiting; i < size; i++) startWorker();
  });
}
