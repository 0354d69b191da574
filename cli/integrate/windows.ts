// Explorer: per-user verbs under HKEY_CURRENT_USER\Software\Classes (no admin rights), written as
// a .reg file that `reg import` applies. Explorer starts a verb's command once per selected file,
// so the commands carry --gather and the processes started together make one batch.
import { actionWords, label, type Launcher, type Offer, type Variant } from './launcher.js';
import { winQuote } from './quote.js';

export const registryRoot = 'HKEY_CURRENT_USER\\Software\\Classes';
const verbNames: Record<Variant, string> = { share: 'ShareSafely', review: 'ShareSafely.Review' };

export interface RegKey {
  /** Below registryRoot. */
  key: string;
  /** Value name → string value; '' is the key's default value. */
  values: Record<string, string>;
}

const winArg = (w: string) => (w === '' || /[\s"]/.test(w) ? winQuote(w) : w);

/** The command Explorer runs: %1 is the file, %V the folder; both arrive in double quotes. */
function verbCommand(l: Launcher, variant: Variant, placeholder: '%1' | '%V'): string {
  return `${actionWords(l, variant, true).map(winArg).join(' ')} "${placeholder}"`;
}

/** A verb key and its command subkey, for both variants, on each image extension and on folders. */
export function registryKeys(l: Launcher, extensions: readonly string[], offer: Offer): RegKey[] {
  const owners: { shell: string; placeholder: '%1' | '%V' }[] = [
    ...extensions.map((ext) => ({ shell: `SystemFileAssociations\\.${ext}\\shell`, placeholder: '%1' as const })),
    { shell: 'Directory\\shell', placeholder: '%V' },
  ];
  const keys: RegKey[] = [];
  for (const { shell, placeholder } of owners) {
    for (const v of offer.variants) {
      const verb = `${shell}\\${verbNames[v]}`;
      // Player: the verb stays in the menu for any number of selected items (the default hides it above 15).
      // A verb has one name: the user's language at install time.
      keys.push({ key: verb, values: { MUIVerb: label(v, offer.lang), MultiSelectModel: 'Player' } });
      keys.push({ key: `${verb}\\command`, values: { '': verbCommand(l, v, placeholder) } });
    }
  }
  return keys;
}

/** The keys to delete on uninstall: each verb key (its command subkey goes with it). */
export function verbKeys(keys: RegKey[]): string[] {
  return keys.filter((k) => !k.key.endsWith('\\command')).map((k) => k.key);
}

/** The keys above the verbs, below registryRoot: what importing the verbs creates where missing. */
export function parentKeys(verbs: string[]): string[] {
  const parents = new Set<string>();
  for (const v of verbs) {
    const parts = v.split('\\');
    for (let i = 1; i < parts.length; i++) parents.add(parts.slice(0, i).join('\\'));
  }
  return [...parents];
}

/** The keys in a file `reg export` wrote, below registryRoot and in lower case (keys ignore case), each with whether it holds values. */
export function exportedKeys(bytes: Buffer): Map<string, boolean> {
  const text = bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
  const keys = new Map<string, boolean>();
  const prefix = `[${registryRoot}\\`.toLowerCase();
  let current: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('[')) {
      current = line.toLowerCase().startsWith(prefix) && line.endsWith(']') ? line.slice(prefix.length, -1).toLowerCase() : undefined;
      if (current) keys.set(current, false);
    } else if (current && line.trim()) {
      keys.set(current, true);
    }
  }
  return keys;
}

/**
 * The keys install created (`created`) that now hold nothing but our verbs and other such empty
 * keys, deepest first: uninstall deletes them. A key missing from `present` is never deleted.
 */
export function emptyCreatedKeys(created: string[], verbs: string[], present: Map<string, boolean>): string[] {
  const inside = (key: string, parent: string) => key === parent || key.startsWith(`${parent}\\`);
  const ours = verbs.map((v) => v.toLowerCase());
  const made = new Set(created.map((c) => c.toLowerCase()));
  const onlyOurs = (c: string) =>
    [...present].every(([key, hasValues]) => !inside(key, c) || ours.some((v) => inside(key, v)) || (made.has(key) && !hasValues));
  return created.filter((c) => present.has(c.toLowerCase()) && onlyOurs(c.toLowerCase())).sort((a, b) => b.length - a.length);
}

const regString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A .reg file: removes `remove` (older copies of ours), then writes `keys`. */
export function regFileText(keys: RegKey[], remove: string[] = []): string {
  const lines = ['Windows Registry Editor Version 5.00', ''];
  for (const key of remove) lines.push(`[-${registryRoot}\\${key}]`, '');
  for (const k of keys) {
    lines.push(`[${registryRoot}\\${k.key}]`);
    for (const [name, value] of Object.entries(k.values)) lines.push(`${name === '' ? '@' : regString(name)}=${regString(value)}`);
    lines.push('');
  }
  return lines.join('\r\n');
}

/** regedit's own encoding for version 5.00 files: UTF-16LE with a BOM, so non-ASCII paths survive. */
export function encodeRegFile(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}
