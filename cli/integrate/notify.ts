// Telling the user without a terminal, with each platform's own tools: notify-send, osascript, a
// PowerShell toast; and showing the folder with xdg-open, open, explorer.
import { spawn } from 'node:child_process';
import { findOnPath } from '../../src/index.js';
import type { Notice } from './action-report.js';

export interface Command {
  command: string;
  args: string[];
}

/** PowerShell's own AppUserModelID: toasts need a registered app id, and this one always is. */
const powershellAppId = '{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\\WindowsPowerShell\\v1.0\\powershell.exe';

/** A PowerShell single-quoted literal; PowerShell also closes such strings on typographic single quotes. */
const psString = (s: string) => `'${s.replace(/['\u2018\u2019\u201a\u201b]/g, (c) => c + c)}'`;

/**
 * What the toast script prints once the toast is handed to Windows. An exit code of 0 alone proves
 * nothing: Wine's powershell.exe is a stub that exits 0 without running anything.
 */
const toastShown = 'toast shown';

function toastScript(n: Notice): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    '[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] | Out-Null',
    '$xml = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02)',
    "$text = $xml.GetElementsByTagName('text')",
    `$text.Item(0).AppendChild($xml.CreateTextNode(${psString(n.title)})) | Out-Null`,
    `$text.Item(1).AppendChild($xml.CreateTextNode(${psString(n.body)})) | Out-Null`,
    `[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier(${psString(powershellAppId)}).Show([Windows.UI.Notifications.ToastNotification]::new($xml))`,
    `'${toastShown}'`,
  ].join('\n');
}

/** The command that shows `n` on this platform. Texts travel as arguments, never spliced into code. */
function notifyCommand(n: Notice, platform: NodeJS.Platform): Command {
  if (platform === 'darwin') {
    return {
      command: 'osascript',
      args: [
        '-e',
        'on run argv',
        '-e',
        'display notification (item 2 of argv) with title (item 1 of argv)',
        '-e',
        'end run',
        n.title,
        n.body,
      ],
    };
  }
  if (platform === 'win32') {
    // -EncodedCommand takes UTF-16LE base64: no quoting of the texts through cmd or CreateProcess.
    const encoded = Buffer.from(toastScript(n), 'utf16le').toString('base64');
    return { command: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-WindowStyle', 'Hidden', '-EncodedCommand', encoded] };
  }
  return {
    command: 'notify-send',
    args: ['--app-name=Share Safely', '--icon=security-high', `--urgency=${n.critical ? 'critical' : 'normal'}`, n.title, n.body],
  };
}

function openFolderCommand(dir: string, platform: NodeJS.Platform): Command {
  if (platform === 'darwin') return { command: 'open', args: [dir] };
  if (platform === 'win32') return { command: 'explorer.exe', args: [dir] };
  return { command: 'xdg-open', args: [dir] };
}

/** The program's full path on PATH, or undefined (Windows resolves its own tools). */
function findProgram(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  return platform === 'win32' ? name : findOnPath(name, env);
}

/**
 * Starts a tool detached and waits until it ends, at most `waitMs` (xdg-open may stay with the
 * program it started). Resolves with its exit code, or null when it failed to start or still runs.
 */
function runDetached(c: Command, waitMs = 5000): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(c.command, c.args, { detached: true, stdio: 'ignore', windowsHide: true });
    const timer = setTimeout(() => {
      child.unref();
      resolve(null);
    }, waitMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * Runs a tool and resolves with what it printed when it ended with code 0, '' otherwise. After
 * `waitMs` it resolves with '' and the tool is left to finish on its own.
 */
function outputOf(c: Command, waitMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(c.command, c.args, { stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      child.stdout.destroy();
      child.unref();
      resolve('');
    }, waitMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve('');
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? out : '');
    });
  });
}

/** Shows the notice; false when this system has no way to (the log still has everything). */
export async function notify(
  n: Notice,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<boolean> {
  const c = notifyCommand(n, platform);
  const program = findProgram(c.command, env, platform);
  if (!program) return false;
  if (platform === 'win32') return (await outputOf({ command: program, args: c.args })).includes(toastShown);
  return (await runDetached({ command: program, args: c.args })) === 0;
}

export async function openFolder(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  const c = openFolderCommand(dir, platform);
  const program = findProgram(c.command, env, platform);
  if (program) await runDetached({ command: program, args: c.args });
}
