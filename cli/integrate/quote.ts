// Quoting for each place a command line is stored: a POSIX shell, a freedesktop Exec key, a
// GKeyFile/desktop-entry value, XML text and a Windows command line. Pure functions.

/** One POSIX shell word: single quotes, with ' written as '\'' (also what g_shell_quote does). */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// Characters the Desktop Entry Specification reserves in Exec arguments.
const execReserved = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One argument of an Exec key (Desktop Entry Specification, "The Exec key"): double quotes when
 * needed, with " ` $ \ escaped inside; a literal % is %%. Field codes are added by the caller.
 */
export function execArg(arg: string): string {
  const quoted = arg === '' || execReserved.test(arg) ? `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"` : arg;
  return quoted.replace(/%/g, '%%');
}

/** A value in a desktop entry or GKeyFile: backslash, newline, tab, CR and a leading space are escaped. */
export function keyFileValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/^ /, '\\s');
}

export function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * One argument of a Windows command line as programs built with the Microsoft C runtime (node.exe
 * among them) split it: in double quotes, with backslashes before a quote or the closing quote doubled.
 */
export function winQuote(arg: string): string {
  let out = '"';
  let slashes = 0;
  for (const c of arg) {
    if (c === '\\') {
      slashes++;
      continue;
    }
    out += c === '"' ? '\\'.repeat(slashes * 2 + 1) + '"' : '\\'.repeat(slashes) + c;
    slashes = 0;
  }
  return `${out}${'\\'.repeat(slashes * 2)}"`;
}
