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

/** Commander's error text in the user's words, its suggestion ("Did you mean --again?") too. */
export function commanderError(text: string, w: Words): string {
  if (w.lang === 'en') return text;
  const said = text.replace(/\(Did you mean (.*)\?\)/, (_all, option: string) => w.t('cli.usage.didYouMeanOption', { option }));
  for (const [pattern, say] of commanderSays) {
    const m = pattern.exec(said);
    if (m) return `${say(m, w)}${said.includes('\n') ? said.slice(said.indexOf('\n')) : '\n'}`;
  }
  return said;
}

/** The commands a mistyped first word may have meant (`share-safely verfy x.jpg`). */
const commands = ['inspect', 'verify', 'integrate', 'help'];

/** Edits (insert, delete, change, swap two letters) from a to b. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** The command a first argument that names no file probably meant, if it looks like one. */
export function meantCommand(arg: string): string | undefined {
  if (/[./\\]/.test(arg)) return undefined;
  const word = arg.toLowerCase();
  return commands.find((c) => distance(word, c) <= 2);
}

/** A usage mistake found after parsing: one line, a pointer to --help, exit code 2. */
export function usage(message: string, w: Words): number {
  process.stderr.write(`share-safely: ${message}\n${w.t('cli.seeHelp')}\n`);
  return EXIT_USAGE;
}
