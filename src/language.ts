// The language a door on this computer speaks: the saved setting (shared by the desktop app, the
// right-click action and the CLI), else the locale variables, else the system's own locale.
import { pickLanguage, words, type Words } from './contract/index.js';
import { loadSettings, settingsPath } from './settings.js';

/** LC_ALL, then LC_MESSAGES, then LANG (POSIX order), else what the system tells Intl. */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  return (
    [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v.trim() !== '') ??
    Intl.DateTimeFormat().resolvedOptions().locale
  );
}

/** The words of the user's language, read from the saved settings and the environment. */
export async function userWords(env: NodeJS.ProcessEnv = process.env): Promise<Words> {
  const settings = await loadSettings(settingsPath(env));
  const locale = systemLocale(env);
  return words(pickLanguage(settings.language, locale), locale);
}
