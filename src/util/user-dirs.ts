// The per-user folders of each platform, in one place so every door finds the same files.
import os from 'node:os';
import path from 'node:path';

/** An XDG base folder from the environment; a relative one is invalid by the spec and ignored. */
export function xdgHome(env: NodeJS.ProcessEnv, name: 'XDG_CONFIG_HOME' | 'XDG_DATA_HOME' | 'XDG_STATE_HOME', fallback: string): string {
  const v = env[name];
  return v && path.isAbsolute(v) ? v : fallback;
}

/** Settings and the integration manifest; SHARE_SAFELY_CONFIG_DIR overrides it (tests, portable use). */
export function configDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.SHARE_SAFELY_CONFIG_DIR) return env.SHARE_SAFELY_CONFIG_DIR;
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Share Safely');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Share Safely');
  return path.join(xdgHome(env, 'XDG_CONFIG_HOME', path.join(home, '.config')), 'share-safely');
}

/** The right-click action's log and short-lived files. */
export function stateDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'Share Safely');
  if (platform === 'darwin') return path.join(home, 'Library', 'Logs', 'Share Safely');
  return path.join(xdgHome(env, 'XDG_STATE_HOME', path.join(home, '.local', 'state')), 'share-safely');
}
