// Model files that @vladmandic/human ships (the CenterNet person detector, FaceRes ages), read from disk and run on
// face-api's tfjs wasm backend. Only the weights come from that package; loading is ours, so
// nothing can reach for a URL.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { SafeError } from '../errors.js';
import { engine, faceApi } from './model.js';

function modelFile(name: string): string {
  const require = createRequire(import.meta.url);
  // The package's entry point is dist/human.node.js; its models/ folder sits beside dist/.
  return path.join(path.dirname(path.dirname(require.resolve('@vladmandic/human'))), 'models', `${name}.json`);
}

async function load(name: string): Promise<tfjs.GraphModel> {
  const tf = engine(await faceApi());
  const file = modelFile(name);
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as {
      modelTopology: object;
      weightsManifest: { paths: string[]; weights: tfjs.io.WeightsManifestEntry[] }[];
    };
    const bins = await Promise.all(json.weightsManifest.flatMap((g) => g.paths.map((p) => readFile(path.join(path.dirname(file), p)))));
    const weights = Buffer.concat(bins);
    const artifacts = {
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.length),
    };
    return await tf.loadGraphModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new SafeError('internal', `the face detector's model file ${file} could not be read; reinstall the application`, { cause: e });
  }
}

const loading = new Map<string, Promise<tfjs.GraphModel>>();

/** The named model, loaded once per thread (a failed load is tried again by the next call). */
export function humanModel(name: 'centernet' | 'faceres'): Promise<tfjs.GraphModel> {
  let model = loading.get(name);
  if (!model) {
    model = load(name).catch((e: unknown) => {
      loading.delete(name);
      throw e;
    });
    loading.set(name, model);
  }
  return model;
}
