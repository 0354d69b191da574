#!/usr/bin/env node
// The `share-safely` command. Parsing only: the engine (sharp, the detector) loads when a command runs,
// so --help stays instant.
import { Argument, Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE } from './exit.js';

const examples = `
Examples:
  share-safely beach.jpg                     writes beach.safe.jpg beside it
  share-safely -r ~/Pictures/Summer --out ~/Desktop/Safe --rename
                                             a whole folder tree, neutral names, in another folder
  share-safely --faces none scan.png         strip metadata only, no face covering
  share-safely --style pixelate --json party/*.jpg > report.json
  share-safely inspect IMG_4032.HEIC         what the photo gives away (GPS, dates, names…)
  share-safely verify beach.safe.jpg         exit 0 when nothing identifying remains

Exit codes: 0 every photo done, 1 some photos failed, 2 usage error.
Nothing is uploaded: everything runs on this computer.`;

function safeCommand(): Command {
  return new Command('share-safely')
    .description('Make photos safe to post: cover every face, remove GPS, dates, device, names, thumbnails and hidden videos, and verify each copy.')
    .argument('[paths...]', 'photos and folders')
    .option('-r, --recursive', 'walk subfolders too')
    .option('-o, --out <dir>', 'write copies under this folder (mirroring subfolders) instead of beside the originals')
    .option('--rename', 'neutral names (photo-001.jpg): camera names such as PXL_20240101_083012.jpg leak the date')
    .addOption(new Option('--faces <which>', 'faces to cover').choices(['all', 'children', 'none']).default('all'))
    .addOption(new Option('--style <style>', 'how covered faces look').choices(['blur', 'pixelate', 'solid', 'sticker']).default('blur'))
    .option('--color <hex>', 'fill colour for --style solid', '#808080')
    .addOption(new Option('--format <format>', 'output format; keep = same as the input (HEIC becomes JPEG)').choices(['keep', 'jpeg', 'png', 'webp']).default('keep'))
    .option('--quality <n>', 'JPEG/WebP/AVIF quality, 50-100', '92')
    .option('--max-size <px>', 'downscale so the longest side is at most this many pixels')
    .option('-j, --jobs <n>', 'photos processed at once (default: number of cores)')
    .option('--skip-existing', 'skip photos whose safe copy already exists (finish an interrupted batch)')
    .option('--max-pixels <mp>', 'refuse images above this many megapixels', '100')
    .option('--max-file-size <mb>', 'refuse files above this many megabytes', '200')
    .option('--timeout <s>', 'give up on one photo after this many seconds', '120')
    .option('--json', 'print a full JSON report on stdout (per file: regions covered, findings removed)')
    .option('-q, --quiet', 'print only errors and the summary')
    .addOption(new Option('--seed <n>', 'fixed noise seed for covers (tests)').hideHelp())
    .addHelpText('after', examples)
    .showHelpAfterError('(run share-safely --help for usage)')
    .action(async (paths: string[], flags) => {
      const { makeSafe } = await import('./make-safe.js');
      process.exitCode = await makeSafe(paths, flags);
    });
}

function buildProgram(): Command {
  // Options before a subcommand's name belong to the root, after it to the subcommand (both have --json).
  const program = safeCommand().enablePositionalOptions();
  program
    .command('inspect')
    .description('show what each photo gives away: GPS, dates, device, names, thumbnails, hidden videos…')
    .argument('<paths...>', 'photos (and folders with -r)')
    .option('-r, --recursive', 'walk subfolders too')
    .option('--json', 'JSON on stdout')
    .action(async (paths: string[], flags) => {
      const { inspectCommand } = await import('./inspect.js');
      process.exitCode = await inspectCommand(paths, flags);
    });
  program
    .command('verify')
    .description('exit 0 when every file is clean by the rules applied to each safe copy, 1 otherwise')
    .argument('<paths...>', 'files (and folders with -r)')
    .option('-r, --recursive', 'walk subfolders too')
    .option('--json', 'JSON on stdout')
    .action(async (paths: string[], flags) => {
      const { verifyCommand } = await import('./verify.js');
      process.exitCode = await verifyCommand(paths, flags);
    });
  program
    .command('integrate')
    .description('add "Share safely" to the file manager\'s right-click menu for this user, remove it, or show where it is')
    .addArgument(new Argument('<action>', 'install, uninstall or status').choices(['install', 'uninstall', 'status']))
    .option('--for <targets>', 'only these (comma-separated): nautilus, nemo, dolphin, thunar, open-with, explorer, finder; default: all of this system')
    .option('--json', 'JSON on stdout')
    .action(async (action, flags) => {
      const { integrateCommand } = await import('./integrate/command.js');
      process.exitCode = await integrateCommand(action, flags);
    });
  program
    .command('action', { hidden: true })
    .description('what the right-click entries run: safe copies per the saved settings, a notification, the folder shown')
    .argument('[paths...]', 'selected photos and folders (after --)')
    .option('--review', 'open the selection in the desktop app instead')
    .option('--gather', 'join processes started together into one batch (Explorer starts one per file)')
    .action(async (paths: string[], flags) => {
      const { runAction } = await import('./integrate/action.js');
      process.exitCode = await runAction(paths, flags);
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
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
