// The project's layering (README, Developing), read from the import graph: imports go one way only
// (cli → src, electron/main → src, preload → electron and contract types, renderer → contract), and no
// product file can reach the network. src/contract is the shared contract (VS Code's "common"): it
// imports nothing outside itself, so every door may import it — the engine, the CLI, electron main,
// the preload (types only) and the renderer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

interface Edge {
  file: string; // relative to the repo
  spec: string;
  target: string; // resolved repo-relative path for relative specs, else the package name
  typeOnly: boolean;
}

function sources(dir: string): string[] {
  const abs = path.join(repoRoot, dir);
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(path.join(repoRoot, p)).isDirectory()) return sources(p);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

const importPattern =
  /(import|export)\s+(type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function edges(file: string): Edge[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const out: Edge[] = [];
  for (const m of text.matchAll(importPattern)) {
    const spec = m[3] ?? m[4] ?? m[5];
    const typeOnly = Boolean(m[2]);
    const target = spec.startsWith('.') ? path.normalize(path.join(path.dirname(file), spec)) : spec.replace(/^node:/, '');
    out.push({ file, spec, target, typeOnly });
  }
  return out;
}

const product = ['src', 'cli', 'electron'].flatMap(sources);
const graph = product.flatMap(edges);
const under = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);

describe('architecture', () => {
  it('finds the product sources (so an empty graph cannot pass)', () => {
    expect(product.filter((f) => f.startsWith('src/')).length).toBeGreaterThan(10);
    expect(graph.length).toBeGreaterThan(50);
  });

  it('src/contract imports nothing outside itself: no Node, no package, no engine (it runs in the browser too)', () => {
    const contract = graph.filter((e) => under(e.file, 'src/contract'));
    expect(contract.length).toBeGreaterThan(5);
    expect(contract.filter((e) => !under(e.target, 'src/contract'))).toEqual([]);
  });

  it('src/ never imports electron, commander, cli/ or electron/', () => {
    const wrong = graph.filter(
      (e) =>
        under(e.file, 'src') && (['electron', 'commander'].includes(e.target) || under(e.target, 'cli') || under(e.target, 'electron')),
    );
    expect(wrong).toEqual([]);
  });

  it('cli/ and electron/main reach the engine only through src/index (src/language: the light entry for words), or the contract', () => {
    const wrong = graph.filter(
      (e) =>
        (under(e.file, 'cli') || under(e.file, 'electron/main')) &&
        under(e.target, 'src') &&
        !/^src\/(index|language)\.(js|ts)$/.test(e.target) &&
        !under(e.target, 'src/contract'),
    );
    expect(wrong).toEqual([]);
  });

  it('the preload requires electron alone; anything else it names is a type of the contract', () => {
    const preload = graph.filter((e) => under(e.file, 'electron/preload'));
    expect(preload.some((e) => e.target === 'electron')).toBe(true);
    expect(preload.filter((e) => e.target !== 'electron' && !(e.typeOnly && under(e.target, 'src/contract')))).toEqual([]);
  });

  it('the renderer is browser code: no package at all, no Node, no engine; its own files and the contract only', () => {
    const renderer = graph.filter((e) => under(e.file, 'electron/renderer'));
    expect(renderer.some((e) => under(e.target, 'src/contract') && !e.typeOnly)).toBe(true);
    expect(
      renderer.filter((e) => !e.spec.startsWith('.') || !(under(e.target, 'electron/renderer') || under(e.target, 'src/contract'))),
    ).toEqual([]);
  });

  it('no product file imports a network module or calls the network', () => {
    const netModules = new Set([
      'http',
      'https',
      'http2',
      'net',
      'tls',
      'dgram',
      'dns',
      'dns/promises',
      'undici',
      'ws',
      'axios',
      'node-fetch',
      'got',
    ]);
    expect(graph.filter((e) => netModules.has(e.target))).toEqual([]);
    const calls = product.flatMap((f) => {
      const text = readFileSync(path.join(repoRoot, f), 'utf8');
      return [...text.matchAll(/\bfetch\(|new WebSocket\(|XMLHttpRequest|new EventSource\(|navigator\.sendBeacon/g)].map(
        (m) => `${f}: ${m[0]}`,
      );
    });
    expect(calls).toEqual([]);
  });
});
