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
export function verbCommand(l: Launcher, variant: Variant, placeholder: '%1' | '%V'): string {
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
