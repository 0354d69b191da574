// `npm run desktop`: starts the app with the Electron binary when this machine has one. The
// electron package would try to download a missing binary when required, so it is not required:
// its path file is read directly, and without a binary one line says what to do instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { userWords } from '../src/language.js';

export function electronBinary(packageDir: string, env: NodeJS.ProcessEnv): string | null {
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(packageDir, 'dist');
  const binary = path.join(distDir, relative || 'electron');
  return (relative || env.ELECTRON_OVERRIDE_DIST_PATH) && existsSync(binary) ? binary : null;
}

async function main(): Promise<void> {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const binary = electronBinary(packageDir, process.env);
  // --check: only say (by the exit code) whether the app can start here; `integrate install` asks.
  if (process.argv[2] === '--check') process.exit(binary ? 0 : 1);
  if (!binary) {
    console.error((await userWords()).t('desktop.noElectron'));
    process.exit(1);
  }
  const mainScript = fileURLToPath(new URL('./main/main.js', import.meta.url));
  // npm runs scripts from the package folder; photos named on the command line are relative to where the user was.
  const child = spawn(binary, [mainScript, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.env.INIT_CWD ?? process.cwd() });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) void main();
