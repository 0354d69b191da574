// The contract between the engine and its doors (VS Code's "common" idea): codes, choices, findings,
// the bridge's types, the words in each language. It imports nothing outside this folder and runs in
// Node and in the browser alike, so every door (CLI, electron main, preload, renderer) may import it.
export * from './choices.js';
export * from './codes.js';
export * from './findings.js';
export * from './words.js';
export * from './describe.js';
export * from './reasons.js';
export * from './outcome.js';
export type * from './bridge.js';
