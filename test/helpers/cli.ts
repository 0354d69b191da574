// Runs the compiled CLI exactly as a user would (npm test builds dist/ first).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = path.join(repoRoot, 'dist', 'cli', 'main.js');
export const samplesDir = path.join(repoRoot, 'test', 'fixtures', 'samples');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Run {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: options.timeout ?? 180_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temp folder holding copies of the named sample photos (never write beside fixtures). */
export function copySamples(names: string[], prefix = 'samples-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const n of names) cpSync(path.join(samplesDir, n), path.join(dir, n));
  return dir;
}

/**
 * A photo that earns "check it": the group fixture (test/fixtures/faces) shrunk to 480 px wide, so
 * its faces are 6–68 px and some are under the size where smaller ones may be missed.
 */
export async function writeFarGroup(file: string): Promise<void> {
  const { default: sharp } = await import('sharp');
  await sharp(path.join(repoRoot, 'test', 'fixtures', 'faces', 'group.jpg'))
    .resize(480)
    .jpeg({ quality: 90 })
    .toFile(file);
}
