#!/usr/bin/env node
// The `share-safely` command. Parsing only: the engine (sharp, the detector) loads when a command runs,
// so --help stays instant. Every word comes from the shared catalogue, in the user's language.
import { readFileSync } from 'node:fs';
import { Argument, Command, CommanderError, Help, Option } from 'commander';
import { coverStyles, facesPolicies, formatChoices, type MessageKey, type Words } from '../src/contract/index.js';
import { userWords } from '../src/language.js';
import { EXIT_USAGE } from './exit.js';
import { commanderError } from './usage.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Commander's own words (titles, choices, defaults, its help and version options) in the user's language. */
function localize(c: Command, w: Words): Command {
  const titles: Record<string, string> = {
    'Usage:': w.t('cli.help.usage'),
    'Options:': w.t('cli.help.options'),
    'Commands:': w.t('cli.help.commands'),
    'Arguments:': w.t('cli.help.arguments'),
    'Global Options:': w.t('cli.help.options'),
  };
  const extras = (choices: readonly string[] | undefined, value: unknown, description: string) => {
    const parts = [
      ...(choices ? [w.t('cli.help.choices', { list: choices.join(', ') })] : []),
      ...(value !== undefined && typeof value !== 'boolean' ? [w.t('cli.help.default', { value: String(value) })] : []),
    ];
    return parts.length ? `${description} (${parts.join(w.t('cli.partsSep'))})` : description;
  };
  return c
    .helpOption('-h, --help', w.t('cli.help.help'))
    .configureHelp({
      styleTitle: (title: string) => titles[title] ?? title,
      optionDescription: (o: Option) => extras(o.argChoices, o.defaultValue, o.description),
      argumentDescription: (a: Argument) => extras(a.argChoices, a.defaultValue, a.description),
    } satisfies Partial<Help>)
    .configureOutput({ outputError: (text, write) => write(commanderError(text, w)) })
    .showHelpAfterError(w.t('cli.seeHelp'));
}

/** A placeholder of the help (<dir>, [paths...]) in the user's words. */
const ph = (w: Words, key: 'dir' | 'which' | 'style' | 'color' | 'format' | 'n' | 'px' | 'mp' | 'mb' | 's' | 'targets') =>
  `<${w.t(`cli.ph.${key}`)}>`;

function safeCommand(w: Words): Command {
  const t = (key: Parameters<Words['t']>[0]) => w.t(key);
  const [options, command, paths] = [t('cli.ph.options'), t('cli.ph.command'), t('cli.ph.paths')];
  return (
    localize(new Command('share-safely'), w)
      .description(t('cli.about'))
      .usage(`[${options}] [${command}] [${paths}...]`)
      .version(version(), '-V, --version', t('cli.help.version'))
      .argument(`[${paths}...]`, t('cli.arg.paths'))
      .option('-r, --recursive', t('cli.opt.recursive'))
      .option(`-o, --out ${ph(w, 'dir')}`, t('cli.opt.out'))
      .option('--rename', t('cli.opt.rename'))
      .addOption(new Option(`--faces ${ph(w, 'which')}`, t('cli.opt.faces')).choices(facesPolicies).default('all'))
      .addOption(new Option(`--style ${ph(w, 'style')}`, t('cli.opt.style')).choices(coverStyles).default('blur'))
      .option(`--color ${ph(w, 'color')}`, t('cli.opt.color'), '#808080')
      .addOption(new Option(`--format ${ph(w, 'format')}`, t('cli.opt.format')).choices(formatChoices).default('keep'))
      .option(`--quality ${ph(w, 'n')}`, t('cli.opt.quality'), '92')
      .option(`--max-size ${ph(w, 'px')}`, t('cli.opt.maxSize'))
      .option(`-j, --jobs ${ph(w, 'n')}`, t('cli.opt.jobs'))
      .option('--again', t('cli.opt.again'))
      // Skipping copies already made is the default now; the old flag is still accepted.
      .addOption(new Option('--skip-existing').hideHelp())
      .option(`--max-pixels ${ph(w, 'mp')}`, t('cli.opt.maxPixels'), '100')
      .option(`--max-file-size ${ph(w, 'mb')}`, t('cli.opt.maxFileSize'), '200')
      .option(`--timeout ${ph(w, 's')}`, t('cli.opt.timeout'), '120')
      .option('--json', t('cli.opt.json'))
      .option('-q, --quiet', t('cli.opt.quiet'))
      .option('--mute', t('video.opt.mute'))
      .addOption(new Option('--seed <n>', 'fixed noise seed for covers (tests)').hideHelp())
      .addHelpText('after', `\n${t('cli.examples')}`)
      .action(async (paths: string[], flags) => {
        const { makeSafe } = await import('./make-safe.js');
        process.exitCode = await makeSafe(paths, flags, w);
      })
  );
}

interface LookFlags {
  recursive?: boolean;
  json?: boolean;
  metadataOnly?: boolean;
}

function buildProgram(w: Words): Command {
  // Options before a subcommand's name belong to the root, after it to the subcommand (both have --json).
  const program = safeCommand(w)
    .enablePositionalOptions()
    .helpCommand(`help [${w.t('cli.ph.command')}]`, w.t('cli.help.command'));
  // inspect and verify take the same arguments; each loads its module only when it runs.
  const looking = (
    name: 'inspect' | 'verify',
    keys: Record<'about' | 'paths' | 'metadataOnly', MessageKey>,
    run: (paths: string[], flags: LookFlags) => Promise<number>,
  ) =>
    localize(program.command(name), w)
      .description(w.t(keys.about))
      .usage(`[${w.t('cli.ph.options')}] <${w.t('cli.ph.paths')}...>`)
      .argument(`<${w.t('cli.ph.paths')}...>`, w.t(keys.paths))
      .option('-r, --recursive', w.t('cli.opt.recursive'))
      .option('--metadata-only', w.t(keys.metadataOnly))
      .option('--json', w.t('cli.opt.jsonShort'))
      .action(async (paths: string[], flags: LookFlags) => {
        process.exitCode = await run(paths, flags);
      });
  looking(
    'inspect',
    { about: 'cli.inspect.about', paths: 'cli.arg.photos', metadataOnly: 'cli.opt.inspectMetadataOnly' },
    async (paths, flags) => (await import('./inspect.js')).inspectCommand(paths, flags, w),
  );
  looking(
    'verify',
    { about: 'cli.verify.about', paths: 'cli.arg.files', metadataOnly: 'cli.opt.verifyMetadataOnly' },
    async (paths, flags) => (await import('./verify.js')).verifyCommand(paths, flags, w),
  );
  localize(program.command('integrate'), w)
    .description(w.t('cli.integrate.about'))
    .usage(`[${w.t('cli.ph.options')}] <${w.t('cli.ph.action')}>`)
    .addArgument(new Argument(`<${w.t('cli.ph.action')}>`, w.t('cli.arg.integrateAction')).choices(['install', 'uninstall', 'status']))
    .option(`--for ${ph(w, 'targets')}`, w.t('cli.opt.for'))
    .option('--purge', w.t('cli.opt.purge'))
    .option('--json', w.t('cli.opt.jsonShort'))
    .action(async (action, flags) => {
      const { integrateCommand } = await import('./integrate/command.js');
      process.exitCode = await integrateCommand(action, flags, w);
    });
  program
    .command('action', { hidden: true })
    .description('what the right-click entries run: safe copies per the saved settings, a notification, the folder shown')
    .argument('[paths...]', 'selected photos and folders (after --)')
    .option('--review', 'open the selection in the desktop app instead')
    .option('--gather', 'join processes started together into one batch (Explorer starts one per file)')
    .action(async (paths: string[], flags) => {
      const { runAction } = await import('./integrate/action.js');
      process.exitCode = await runAction(paths, flags, w);
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const w = await userWords();
  const program = buildProgram(w);
  // Commander answers `help NOSUCH` with the whole help and exit 0: say the command is unknown instead.
  const [first, asked] = argv.slice(2);
  const known = program.createHelp().visibleCommands(program);
  if (first === 'help' && asked && !known.some((c) => c.name() === asked)) {
    process.stderr.write(`${w.t('cli.usage.unknownCommand', { command: asked })}\n${w.t('cli.seeHelp')}\n`);
    return EXIT_USAGE;
  }
  program.exitOverride();
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; anything else is a usage mistake.
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    throw e;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

// A reader that stops early (share-safely -r Photos | head) closes the pipe: finish the batch unreported
// rather than crash halfway through it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`share-safely: unexpected error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
