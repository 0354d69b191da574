// YuNet's decoding, checked on output tensors made by hand, and the model file's checksum.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode, modelPath, modelSha256, readModel, suppress, type YunetOutputs } from '../src/faces/yunet.js';

/** Empty outputs for a width×height input: every score 0. */
function outputs(width: number, height: number): YunetOutputs {
  const out: YunetOutputs = {};
  for (const s of [8, 16, 32]) {
    const n = (width / s) * (height / s);
    out[`cls_${s}`] = { data: new Float32Array(n), dims: [1, n, 1] };
    out[`obj_${s}`] = { data: new Float32Array(n), dims: [1, n, 1] };
    out[`bbox_${s}`] = { data: new Float32Array(4 * n), dims: [1, n, 4] };
    out[`kps_${s}`] = { data: new Float32Array(10 * n), dims: [1, n, 10] };
  }
  return out;
}

describe('YuNet decoding', () => {
  it('reads a face at its anchor point: score cls·obj, centre offset × stride, size exp(·) × stride, landmarks', () => {
    const o = outputs(64, 32);
    // Stride 16 on a 64×32 input: 4 columns × 2 rows; point 6 is column 2, row 1, at (32, 16).
    const i = 6;
    (o.cls_16!.data as Float32Array)[i] = 0.9;
    (o.obj_16!.data as Float32Array)[i] = 0.8;
    (o.bbox_16!.data as Float32Array).set([0.5, -0.25, Math.log(2), Math.log(3)], 4 * i);
    (o.kps_16!.data as Float32Array).set([-0.5, -0.5, 0.5, -0.5, 0, 0, -0.25, 0.5, 0.25, 0.5], 10 * i);
    const [face, ...rest] = decode(o, 64, 32, 0.5);
    expect(rest).toEqual([]);
    expect(face!.score).toBeCloseTo(0.72, 5);
    // Centre (32 + 8, 16 − 4) = (40, 12); size 32 × 48.
    expect(face!.box.x).toBeCloseTo(24, 4);
    expect(face!.box.y).toBeCloseTo(-12, 4);
    expect(face!.box.width).toBeCloseTo(32, 4);
    expect(face!.box.height).toBeCloseTo(48, 4);
    expect(face!.landmarks[0]![0]).toBeCloseTo(24, 4);
    expect(face!.landmarks[0]![1]).toBeCloseTo(8, 4);
    expect(face!.landmarks[2]).toEqual([32, 16]);
  });

  it('keeps nothing below the floor, and nothing from a degenerate box', () => {
    const o = outputs(32, 32);
    (o.cls_8!.data as Float32Array)[3] = 0.5;
    (o.obj_8!.data as Float32Array)[3] = 0.5; // 0.25 < 0.3
    (o.cls_32!.data as Float32Array)[0] = 1;
    (o.obj_32!.data as Float32Array)[0] = 1;
    (o.bbox_32!.data as Float32Array).set([0, 0, Number.POSITIVE_INFINITY, 0], 0);
    expect(decode(o, 32, 32, 0.3)).toEqual([]);
  });

  it('suppresses the weaker of two overlapping faces, and keeps faces apart', () => {
    const f = (x: number, score: number) => ({ box: { x, y: 0, width: 10, height: 10 }, score });
    expect(suppress([f(0, 0.5), f(1, 0.9), f(40, 0.3)])).toEqual([f(1, 0.9), f(40, 0.3)]);
  });
});

describe('the model file', () => {
  it('is the one measured: its sha256 is checked at load', async () => {
    const bytes = readFileSync(modelPath());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(modelSha256);
    expect((await readModel()).length).toBe(322_906);
  });

  it('a damaged model file is a clear error, never "no face"', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yunet-'));
    const damaged = path.join(dir, 'yunet.onnx');
    copyFileSync(modelPath(), damaged);
    const bytes = readFileSync(damaged);
    bytes[1000] = bytes[1000]! ^ 0xff;
    writeFileSync(damaged, bytes);
    await expect(readModel(damaged)).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/damaged.*reinstall/) });
    await expect(readModel(path.join(dir, 'missing.onnx'))).rejects.toMatchObject({ code: 'internal' });
  });
});
