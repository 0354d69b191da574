// The engine's public API. Every door (CLI, desktop app, right-click action) imports from here only.
export { analyze, render, renderPreview, processFile, outputFormatFor } from './pipeline.js';
export { sanitizeCovers } from './cover/sanitize.js';
export type { Analysis, Result, ResultStatus, Preview, AnalyzeExtras } from './pipeline.js';
export { runBatch } from './batch.js';
export type { OnResult } from './batch.js';
export { collectPhotos } from './collect.js';
export type { Collected, CollectOptions, Skipped } from './collect.js';
export { inspectFile } from './inspect-file.js';
export type { FileInspection } from './inspect-file.js';
export { verifyFile } from './verify/index.js';
export { checksWhenMade } from './made.js';
export { visibleFaces } from './visible-faces.js';
export { systemLocale, userWords } from './language.js';
export { choices, defaultOptions, resolveOptions } from './options.js';
export type { Options, FacesPolicy, CoverStyle, FormatChoice } from './options.js';
export { SafeError, isSafeError, errorView } from './errors.js';
export type { ErrorCode } from './errors.js';
export { imageExtensions } from './formats.js';
export type { Placement } from './naming.js';
export type * from './types.js';
// The desktop app keeps the engine's own cover geometry when the user edits covers, and shares the saved settings.
export { headCover, planCovers } from './plan.js';
export * from './settings.js';
// Helpers the doors share with the engine, so each exists once: durable small files, words and sizes,
// files and programs on disk, the per-user folders.
export { writeFileDurably } from './util/durable-write.js';
export { byteSize, plural } from './util/text.js';
export { exists, findOnPath } from './util/files.js';
export { stateDir, xdgHome } from './util/user-dirs.js';
// Videos: a clip in, an MP4 with every face covered and no tag out (issue 19).
export { isVideoFile, makeVideoSafe, inspectVideo, verifyVideoFile, videoOutputPath } from './video/index.js';
export type { VideoInspection, VideoOptions, VideoProgress, VideoResult, VideoVerifyReport } from './video/index.js';
