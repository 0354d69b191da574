// Shared shapes of the engine's public API. Every door (CLI, desktop, right-click) sees these.
import type { Problem, Rect, Shape } from './contract/index.js';

export type { Finding, FindingKind, Fact, Problem, ProblemCode, Rect, Warning, WarningCode } from './contract/index.js';

/** Image formats the engine recognises from magic bytes. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'tiff' | 'avif' | 'heic' | 'gif';

/** Formats the engine writes (sharp can encode them all). */
export type OutputFormat = 'jpeg' | 'png' | 'webp' | 'tiff' | 'avif' | 'gif';

/**
 * One cover as the engine paints it, in the upright output's pixels: the ellipse inscribed in its
 * box (a head) or the box itself (drawn by hand). The contract's shape, so every door shares it.
 */
export type Cover = Shape;

/** Decoded, upright (orientation applied), sRGB pixels of the primary image. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** A face the engine knows about, in upright pixels. */
export interface Face {
  box: Rect;
  /** Detector confidence 0..1; 1 for regions the file itself declares. */
  score: number;
  /** Where the face came from. */
  source: 'detector' | 'file';
  /** The detector's five points (right eye, left eye, nose tip, right and left mouth corner, as seen), when it gives them. */
  landmarks?: [number, number][];
  /** Estimated age when `faces: 'children'` asked for it. */
  age?: number;
  /** True when policy leaves this face uncovered (e.g. an adult under `faces: 'children'`). */
  keep?: boolean;
  /** Why a face is kept, in plain words (reported). */
  keepReason?: string;
}

export interface VerifyReport {
  path: string;
  clean: boolean;
  format?: ImageFormat;
  width?: number;
  height?: number;
  problems: Problem[];
}
