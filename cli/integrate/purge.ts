// `integrate uninstall --purge`: what Share Safely kept about this user beyond the menu entries — the
// saved settings, the right-click action's log, the record of copies made — removed on request.
import { readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { configDir, exists, stateDir } from '../../src/index.js';
import { loadManifest, manifestPath, type Host } from './manifest.js';

/** The files and folders a purge removes that exist now. */
export async function purgeable(host: Host): Promise<string[]> {
  const state = stateDir(host.env, host.platform, host.home);
  const candidates = [
    path.join(configDir(host.env, host.platform, host.home), 'settings.json'),
    ...(await readdir(state).then(
      (n) => n.map((x) => path.join(state, x)),
      () => [],
    )),
  ];
  // The manifest goes too once nothing is installed (it is how a later uninstall finds entries).
  const m = await loadManifest(host);
  if (m && !m.entries.length) candidates.push(manifestPath(host));
  const found: string[] = [];
  for (const c of candidates) if (await exists(c)) found.push(c);
  return found;
}

/** Removes what purgeable lists, then the two folders if that left them empty. Returns what was removed. */
export async function purge(host: Host): Promise<string[]> {
  const removed = await purgeable(host);
  for (const p of removed) await rm(p, { recursive: true, force: true });
  for (const dir of [stateDir(host.env, host.platform, host.home), configDir(host.env, host.platform, host.home)]) {
    await rmdir(dir).catch(() => undefined);
  }
  return removed;
}
