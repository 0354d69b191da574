// Hysteresis over time, pure geometry: detections are linked into tracks, and a frame's faces are
// decided only once the detections of `keep` frames after it are known too. So a face is covered
// for `keep` frames after it was last seen and before it was first seen, and a track's cover is
// carried over frames where the detector blinked (up to 2·keep frames between two sightings).
import type { Rect } from '../types.js';
import { iou } from '../util/rect.js';

export interface Detection {
  box: Rect;
  score: number;
}

interface Sighting {
  frame: number;
  box: Rect;
}

/**
 * A face last seen touching the picture's edge is usually leaving it, and the detector loses a face
 * well before all of it is gone: its cover stays this many times `keep` longer, where it was.
 */
const edgeHold = 4;

/** How much a carried box grows per frame since its face was seen (a face moves), at most `maxGrow`. */
const growPerFrame = 0.08;
const maxGrow = 0.5;

export class Tracker {
  private readonly tracks: Sighting[][] = [];
  private next = 0;

  /**
   * `keep`: frames a face stays covered before its first and after its last sighting; `frame`: the
   * picture's size, to tell a face leaving through an edge.
   */
  constructor(
    readonly keep: number,
    private readonly frame?: { width: number; height: number },
  ) {}

  /** Frames whose detections have been added (the next frame's index). */
  get frames(): number {
    return this.next;
  }

  /** Adds the next frame's detections. */
  add(dets: Detection[]): void {
    const t = this.next++;
    const alive = this.tracks.filter((s) => t - s.at(-1)!.frame <= 2 * this.keep + 1);
    const pairs: { track: Sighting[]; d: Detection; score: number }[] = [];
    for (const track of alive)
      for (const d of dets) {
        const score = likeness(track.at(-1)!.box, d.box, t - track.at(-1)!.frame);
        if (score > 0) pairs.push({ track, d, score });
      }
    pairs.sort((a, b) => b.score - a.score);
    const usedTracks = new Set<Sighting[]>();
    const usedDets = new Set<Detection>();
    for (const p of pairs) {
      if (usedTracks.has(p.track) || usedDets.has(p.d)) continue;
      usedTracks.add(p.track);
      usedDets.add(p.d);
      p.track.push({ frame: t, box: p.d.box });
    }
    for (const d of dets) if (!usedDets.has(d)) this.tracks.push([{ frame: t, box: d.box }]);
    this.prune(t);
  }

  /**
   * The face boxes to cover in frame `f`; final once frames up to f + keep have been added.
   * A box between two sightings is interpolated (the face moved in between) and grown a little.
   */
  facesAt(f: number): Rect[] {
    const out: Rect[] = [];
    for (const track of this.tracks) {
      let before: Sighting | undefined;
      let after: Sighting | undefined;
      for (const s of track) {
        if (s.frame <= f) before = s;
        if (s.frame >= f && !after) after = s;
      }
      const near = (s: Sighting | undefined) => s !== undefined && Math.abs(s.frame - f) <= this.keep;
      if (before && after && (before.frame === after.frame || after.frame - before.frame <= 2 * this.keep + 1)) {
        const k = before.frame === after.frame ? 0 : (f - before.frame) / (after.frame - before.frame);
        const gap = Math.min(f - before.frame, after.frame - f);
        out.push(grow(lerp(before.box, after.box, k), gap));
      } else if (near(before)) out.push(grow(before!.box, f - before!.frame));
      else if (near(after)) out.push(grow(after!.box, after!.frame - f));
      else if (before && !after && this.atEdge(before.box) && f - before.frame <= edgeHold * this.keep)
        out.push(grow(before.box, f - before.frame));
    }
    return out;
  }

  private atEdge(r: Rect): boolean {
    const m = 0.1 * Math.max(r.width, r.height);
    return (
      this.frame !== undefined && (r.x <= m || r.y <= m || r.x + r.width >= this.frame.width - m || r.y + r.height >= this.frame.height - m)
    );
  }

  /** Forgets sightings no frame still to be decided can use. */
  private prune(t: number): void {
    const horizon = t - (edgeHold + 1) * this.keep - 2;
    for (let i = this.tracks.length - 1; i >= 0; i--) {
      const track = this.tracks[i]!;
      while (track.length > 1 && track[1]!.frame < horizon) track.shift();
      if (track.at(-1)!.frame < horizon) this.tracks.splice(i, 1);
    }
  }
}

/**
 * How likely two boxes `gap` frames apart are the same face: overlap, or centres close for their
 * size (a face moves further the longer the detector blinked). 0 = not.
 */
function likeness(a: Rect, b: Rect, gap: number): number {
  const o = iou(a, b);
  if (o >= 0.2) return 1 + o;
  const size = Math.max(a.width, a.height, b.width, b.height);
  const dx = a.x + a.width / 2 - (b.x + b.width / 2);
  const dy = a.y + a.height / 2 - (b.y + b.height / 2);
  const ratio = Math.max(a.width, b.width) / Math.max(1, Math.min(a.width, b.width));
  const reach = size * (0.5 + 0.25 * gap);
  return Math.hypot(dx, dy) < reach && ratio < 2 ? 1 - Math.hypot(dx, dy) / reach : 0;
}

function lerp(a: Rect, b: Rect, k: number): Rect {
  const m = (p: number, q: number) => p + (q - p) * k;
  return { x: m(a.x, b.x), y: m(a.y, b.y), width: m(a.width, b.width), height: m(a.height, b.height) };
}

function grow(r: Rect, frames: number): Rect {
  const g = Math.min(maxGrow, growPerFrame * frames);
  return { x: r.x - (r.width * g) / 2, y: r.y - (r.height * g) / 2, width: r.width * (1 + g), height: r.height * (1 + g) };
}
