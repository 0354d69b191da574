// tsc compiles the renderer's TypeScript; the page and its stylesheet are copied beside the output.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const from = path.join(root, 'electron', 'renderer');
const to = path.join(root, 'dist', 'electron', 'renderer');
mkdirSync(to, { recursive: true });
for (const file of ['index.html', 'styles.css']) copyFileSync(path.join(from, file), path.join(to, file));
