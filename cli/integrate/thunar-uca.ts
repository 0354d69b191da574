// Thunar keeps every custom action, the user's and ours, in one file (uca.xml). We add and remove
// only our <action> blocks and leave every other byte as it was, whichever layout Thunar wrote
// (one action per line block, or all on one line).
import { SafeError } from '../../src/index.js';
import { languages } from '../../src/contract/index.js';
import type { ThunarAction } from './linux.js';
import { xmlText } from './quote.js';

/** What a fresh uca.xml holds when neither the user nor the system has one. */
export const emptyUca = '<?xml version="1.0" encoding="UTF-8"?>\n<actions>\n</actions>\n';

function actionBlock(a: ThunarAction): string {
  return [
    '<action>',
    `\t<icon>security-high</icon>`,
    `\t<name>${xmlText(a.name.en)}</name>`,
    ...languages.filter((l) => l !== 'en').map((l) => `\t<name xml:lang="${l}">${xmlText(a.name[l])}</name>`),
    `\t<submenu></submenu>`,
    `\t<unique-id>${xmlText(a.uniqueId)}</unique-id>`,
    `\t<command>${xmlText(a.command)}</command>`,
    `\t<description>${xmlText(a.description.en)}</description>`,
    ...languages.filter((l) => l !== 'en').map((l) => `\t<description xml:lang="${l}">${xmlText(a.description[l])}</description>`),
    `\t<range></range>`,
    `\t<patterns>*</patterns>`,
    `\t<directories/>`,
    `\t<image-files/>`,
    '</action>',
  ].join('\n');
}

function xmlUnescape(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

const element = (block: string, name: string) => {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(block);
  return m ? xmlUnescape(m[1]).trim() : undefined;
};

/** Ours by the unique id we gave it, or by the exact command we wrote (Thunar may drop ids it rewrites). */
export interface Ownership {
  ids: string[];
  commands: string[];
}

function isOurs(block: string, own: Ownership): boolean {
  const id = element(block, 'unique-id');
  const command = element(block, 'command');
  return (id !== undefined && own.ids.includes(id)) || (command !== undefined && own.commands.includes(command));
}

/** Removes our blocks, each with the line break that was inserted before it. */
export function removeActions(xml: string, own: Ownership): { xml: string; removed: number } {
  let removed = 0;
  let out = '';
  let last = 0;
  for (const m of xml.matchAll(/<action>[\s\S]*?<\/action>/g)) {
    if (!isOurs(m[0], own)) continue;
    removed++;
    out += xml.slice(last, m.index).replace(/\n$/, '');
    last = m.index + m[0].length;
  }
  return { xml: out + xml.slice(last), removed };
}

/** Where the next action goes: after the last action, or after the opening <actions> tag. */
function insertionPoint(xml: string): number {
  const open = /<actions(\s[^>]*)?>/.exec(xml);
  if (!open) throw new SafeError('corrupt', "Thunar's uca.xml has no <actions> element, so it was left as it is");
  const lastAction = xml.lastIndexOf('</action>');
  return lastAction > open.index ? lastAction + '</action>'.length : open.index + open[0].length;
}

/**
 * Our actions appended after the user's (older copies of ours replaced), each as a line break and
 * the block, which is exactly what removeActions takes away: installing twice changes nothing.
 */
export function mergeActions(xml: string, actions: ThunarAction[], previous: Ownership): string {
  const own: Ownership = {
    ids: [...previous.ids, ...actions.map((a) => a.uniqueId)],
    commands: [...previous.commands, ...actions.map((a) => a.command)],
  };
  let out = removeActions(xml, own).xml.replace(/<actions\s*\/>/, '<actions>\n</actions>');
  for (const a of actions) {
    const at = insertionPoint(out);
    out = `${out.slice(0, at)}\n${actionBlock(a)}${out.slice(at)}`;
  }
  return out;
}
