// issue 7: @doyensec/electronegativity over electron/ finds nothing above informational, and each
// check switched off in the code (eng-disable) has its reason written just above it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './browser-host.js';
import { runElectronegativity } from './electronegativity.js';

describe('electronegativity over electron/', () => {
  it('parses every file and reports no finding above informational', async () => {
    const result = await runElectronegativity();
    expect(result.atomicChecks + result.globalChecks).toBeGreaterThan(30);
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([]);
    const serious = result.issues.filter((i) => i.severity.name !== 'INFORMATIONAL').map((i) => `${i.id} ${i.file}:${i.location.line}`);
    expect(serious).toEqual([]);
  });

  it('every eng-disable comment is justified on the line above', () => {
    const dir = path.join(root, 'electron');
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(c?ts|html)$/.test(e.name));
    let seen = 0;
    for (const f of files) {
      const lines = readFileSync(path.join(f.parentPath, f.name), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!line.includes('eng-disable')) return;
        seen++;
        expect(lines[i - 1] ?? '', `${f.name}:${i + 1}`).toMatch(/^\s*(\/\/|<!--|\*|\w.*-->)/);
      });
    }
    expect(seen).toBeGreaterThan(0);
  });
});
