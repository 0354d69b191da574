// Serves app://share-safely/<file> from the compiled app: the renderer's folder and the contract it
// shares with the other doors (src/contract: types, codes and the words of each language), nothing else.
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface AppFile {
  file: string;
  type: string;
}

/** The only folders of the compiled app (dist/) a page may load from. */
const WINDOW_FOLDERS = ['electron/renderer', 'src/contract'] as const;

/**
 * The file an app:// URL names inside `root` (the compiled app, dist/), or null: wrong host, outside
 * the window's folders, unknown type. The renderer's imports of ../../src/contract resolve there.
 */
export function resolveAppFile(url: string, root: string): AppFile | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/electron/renderer/index.html';
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const file = path.resolve(root, `.${rel}`);
  const inside = path.relative(root, file);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  if (!WINDOW_FOLDERS.some((f) => inside.split(path.sep).join('/').startsWith(`${f}/`))) return null;
  const type = types[path.extname(file).toLowerCase()];
  return type ? { file, type } : null;
}
