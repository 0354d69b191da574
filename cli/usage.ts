// Usage mistakes in the user's language. Commander writes its own English sentences; the few a person
// meets (an unknown option, a missing argument, a value not among the choices) are said again here.
import type { Words } from '../src/contract/index.js';
import { EXIT_USAGE } from './exit.js';

const commanderSays: [RegExp, (m: RegExpExecArray, w: Words) => string][] = [
  [/^error: unknown option '([^']*)'/, (m, w) => w.t('cli.usage.unknownOption', { option: m[1] })],
  [/^error: unknown command '([^']*)'/, (m, w) => w.t('cli.usage.unknownCommand', { command: m[1] })],
  [/^error: missing required argument '([^']*)'/, (_m, w) => w.t('cli.usage.missingArgument')],
  [/^error: option '([^']*)' argument missing/, (m, w) => w.t('cli.usage.missingValue', { option: m[1] })],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./,
    (m, w) => w.t('cli.usage.badChoice', { option: m[1], value: m[2], list: m[3] }),
  ],
  [/^error: too many arguments/, (_m, w) => w.t('cli.usage.tooMany')],
];

/** Commander's error text in the user's words (its suggestions, "Did you mean …?", are kept as they are). */
export function commanderError(text: string, w: Words): string {
  if (w.lang === 'en') return text;
  for (const [pattern, say] of commanderSays) {
    const m = pattern.exec(text);
    if (m) return `${say(m, w)}${text.includes('\n') ? text.slice(text.indexOf('\n')) : '\n'}`;
  }
  return text;
}

/** A usage mistake found after parsing: one line, a pointer to --help, exit code 2. */
export function usage(message: string, w: Words): number {
  process.stderr.write(`share-safely: ${message}\n${w.t('cli.seeHelp')}\n`);
  return EXIT_USAGE;
}
