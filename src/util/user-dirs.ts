// The per-user folders of each platform, in one place so every door finds the same files.
import os from 'node:os';
import path from 'node:path';

/**
 * An XDG base folder from the environment; a relative one is invalid by the spec and ignored.
 * @param env the environment
 * @param name which XDG variable
 * @param fallback the spec's default (~/.config, ~/.local/share, ~/.local/state)
 * @returns an absolute folder
 * @example
 * xdgHome({ XDG_CONFIG_HOME: 'conf' }, 'XDG_CONFIG_HOME', '/home/ann/.config'); // '/home/ann/.config'
 */
export function xdgHome(env: NodeJS.ProcessEnv, name: 'XDG_CONFIG_HOME' | 'XDG_DATA_HOME' | 'XDG_STATE_HOME', fallback: string): string {
  const v = env[name];
  return v && path.isAbsolute(v) ? v : fallback;
}

/**
 * The per-user folder of the settings and the integration manifest; SHARE_SAFELY_CONFIG_DIR overrides
 * it (tests, portable use).
 * @param env the environment
 * @param platform the operating system
 * @param home the user's home folder
 * @returns ~/.config/share-safely, ~/Library/Application Support/Share Safely or %APPDATA%\Share Safely
 * @example
 * configDir({}, 'linux', '/home/ann'); // '/home/ann/.config/share-safely'
 */
export function configDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.SHARE_SAFELY_CONFIG_DIR) return env.SHARE_SAFELY_CONFIG_DIR;
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Share Safely');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Share Safely');
  return path.join(xdgHome(env, 'XDG_CONFIG_HOME', path.join(home, '.config')), 'share-safely');
}

/**
 * The per-user folder of the right-click action's log, the record of copies made and short-lived
 * files; never the photos' folders. SHARE_SAFELY_STATE_DIR overrides it (tests, portable use).
 * @param env the environment
 * @param platform the operating system
 * @param home the user's home folder
 * @returns ~/.local/state/share-safely, ~/Library/Logs/Share Safely or %LOCALAPPDATA%\Share Safely
 * @example
 * stateDir({}, 'darwin', '/Users/ann'); // '/Users/ann/Library/Logs/Share Safely'
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.SHARE_SAFELY_STATE_DIR) return env.SHARE_SAFELY_STATE_DIR;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'Share Safely');
  if (platform === 'darwin') return path.join(home, 'Library', 'Logs', 'Share Safely');
  return path.join(xdgHome(env, 'XDG_STATE_HOME', path.join(home, '.local', 'state')), 'share-safely');
}
