// `npm run bench:video`: a 1080p clip made here (faces walking over a background), made safe by the
// engine end to end. Prints frames/s, the detector's share of the time and the peak memory of the
// whole pipeline (this process plus its ffmpeg children, sampled from /proc), not a timed test.
//   npm run bench:video                   10 s at 1080p30
//   npm run bench:video -- --seconds 300  a 5-minute clip, for the memory target
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { frameDetector } from '../../src/video/faces.js';
import { makeVideoSafe } from '../../src/video/make-safe.js';
import { background, encodeClip, faceCrop, paste } from '../helpers/video.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 10);
const fps = 30;
const size = { width: 1920, height: 1080 };

/** Resident memory (KB) of a process and every descendant, from /proc (Linux). */
function treeRss(pid: number): number {
  let kb = 0;
  try {
    kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const c of children ? children.split(/\s+/) : []) kb += treeRss(Number(c));
    }
  } catch {
    // the process ended between two reads
  }
  return kb;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-video-'));
try {
  const input = path.join(dir, 'clip.mp4');
  const frames = seconds * fps;
  const [a, b] = [await faceCrop(0), await faceCrop(2)];
  const bg = await background(size.width, size.height);
  process.stdout.write(`making a ${seconds}-s ${size.width}×${size.height} clip at ${fps} frames/s… `);
  await encodeClip(
    input,
    size,
    frames,
    async (i) => {
      const t = (i % 150) / 150;
      const one = await paste(bg, size, a, Math.round(100 + 1400 * t), 200, 1.2 - 0.6 * t);
      return (await paste(one.frame, size, b, 900, Math.round(100 + 600 * t), 2)).frame;
    },
    { fps, audio: true },
  );
  console.log(`${(statSync(input).size / 2 ** 20).toFixed(1)} MB`);
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(process.pid))), 200);
  let detectMs = 0;
  const started = performance.now();
  const r = await makeVideoSafe(
    input,
    path.join(dir, 'clip.safe.mp4'),
    { style: 'blur', color: '#808080', seed: undefined, maxSize: 0, maxFileBytes: Number.MAX_SAFE_INTEGER, mute: false },
    {
      detector: async (f) => {
        const t = performance.now();
        const d = await frameDetector(f);
        detectMs += performance.now() - t;
        return d;
      },
    },
  );
  const total = (performance.now() - started) / 1000;
  clearInterval(timer);
  console.log(
    `${r.frames} frames in ${total.toFixed(1)} s: ${(r.frames / total).toFixed(1)} frames/s end to end (detector ${((100 * detectMs) / 1000 / total).toFixed(0)} % of the time, ${(detectMs / r.frames).toFixed(0)} ms a frame)`,
  );
  console.log(
    `peak memory: ${(peak / 1024).toFixed(0)} MB for the pipeline (this process and its ffmpeg children), ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB for this process alone`,
  );
  console.log(
    `faces covered in ${r.framesCovered} of ${r.frames} frames; machine: ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
