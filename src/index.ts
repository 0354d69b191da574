// The engine's public API. Every door (CLI, desktop app, right-click action) imports from here only.
export { analyze, render, renderPreview, processFile, sanitizeRegions, outputFormatFor } from './pipeline.js';
export type { Analysis, Result, ResultStatus, Preview, AnalyzeExtras } from './pipeline.js';
export { runBatch } from './batch.js';
export type { OnResult } from './batch.js';
export { collectPhotos } from './collect.js';
export type { Collected, CollectOptions, Skipped } from './collect.js';
export { inspectFile } from './inspect-file.js';
export type { FileInspection } from './inspect-file.js';
export { verifyFile } from './verify.js';
export { visibleFaces } from './visible-faces.js';
export { systemLocale, userWords } from './language.js';
export { defaultOptions, resolveOptions } from './options.js';
export type { Options, FacesPolicy, CoverStyle, FormatChoice } from './options.js';
export { SafeError, isSafeError, errorView } from './errors.js';
export type { ErrorCode } from './errors.js';
export { imageExtensions } from './formats.js';
export type { Placement } from './naming.js';
export type * from './types.js';
// The desktop app keeps the engine's own region geometry when the user edits covers, and shares the saved settings.
export { planRegions, mergeRects } from './plan.js';
export * from './settings.js';
