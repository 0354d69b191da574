// The detail lines of `integrate install|uninstall|status` (paths written or removed, what was left
// alone) in the user's words. install and status record them as fixed English sentences, kept as they
// are in --json for scripts; each known sentence is said again from the catalogue here, with its
// numbers in the right plural. A line no pattern knows (a system's own error) is shown as it is.
import type { MessageKey, PluralKey, Words } from '../../src/contract/index.js';

type Say = (m: RegExpExecArray, w: Words) => string;
const key =
  (k: MessageKey, ...names: string[]): Say =>
  (m, w) =>
    w.t(k, Object.fromEntries(names.map((n, i) => [n, m[i + 1]])));
const counted =
  (k: PluralKey, ...names: string[]): Say =>
  (m, w) =>
    w.plural(k, Number(m[1]), Object.fromEntries(names.map((n, i) => [n, m[i + 2]])));

const lines: [RegExp, Say][] = [
  [/^wrote (.*)$/s, key('integrate.line.wrote', 'path')],
  [/^removed (.*) \(it held only our actions\)$/s, key('integrate.line.removedOnlyOurs', 'path')],
  [/^removed (\d+) actions from (.*)$/s, counted('integrate.line.removedActions', 'path')],
  [/^removed (\d+) verbs from (.*)$/s, counted('integrate.line.removedVerbs', 'path')],
  [/^removed (.*)$/s, key('integrate.line.removed', 'path')],
  [
    /^added (\d+) actions to (.*) \(Thunar reads it when it starts: thunar -q restarts it\)$/s,
    counted('integrate.line.addedActions', 'path'),
  ],
  [/^added (\d+) verbs under (.*) \(Windows 11: under "Show more options"\)$/s, counted('integrate.line.addedVerbs', 'path')],
  [/^left alone: (.*) already exists and was not written by Share Safely$/s, key('integrate.line.leftExisting', 'path')],
  [/^left alone: (.*) was changed after it was installed$/s, key('integrate.line.leftChanged', 'path')],
  [/^refused: (.*) is not something Share Safely installs; left alone$/s, key('integrate.line.refused', 'path')],
  [/^reg import failed \((.*)\); open (.*) to apply it by hand$/s, key('integrate.line.regFailed', 'detail', 'path')],
  [/^failed: (.*)$/s, key('integrate.line.failed', 'detail')],
  [/^nothing installed$/, key('integrate.line.nothing')],
  [/^missing: (.*)$/s, key('integrate.line.missing', 'path')],
  [/^changed since install: (.*)$/s, key('integrate.line.changed', 'path')],
  [/^(.*) \((\d+) of (\d+) actions present\)$/s, key('integrate.line.actionsPresent', 'path', 'found', 'n')],
  [/^(\d+) of (\d+) verbs present under (.*)$/s, key('integrate.line.verbsPresent', 'found', 'n', 'path')],
  [/^\((.*) is not installed on this system\)$/s, key('integrate.line.noProgram', 'program')],
  [/^node is no longer at (.*)$/s, key('integrate.line.nodeGone', 'path')],
  [/^the Share Safely CLI is no longer at (.*)$/s, key('integrate.line.cliGone', 'path')],
];

/** One recorded line in the user's words. */
export function saidLine(line: string, w: Words): string {
  for (const [pattern, say] of lines) {
    const m = pattern.exec(line);
    if (m) return say(m, w);
  }
  return line;
}
