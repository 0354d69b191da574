// Before writing photos the engine flagged "check it" that nobody opened: a question, in the page
// (never a native prompt), naming them. The answer decides what is exported.
import type { Words } from '../../src/contract/index.js';
import { byId, el } from './dom.js';
import type { Photo } from './photos.js';

export type ExportChoice = 'review' | 'others' | 'all' | 'cancel';

/** At most this many names in the question; the rest are counted. */
const maxNamed = 8;

export function askBeforeExport(unopened: readonly Photo[], w: Words): Promise<ExportChoice> {
  const dialog = byId<HTMLDialogElement>('confirm-export');
  byId('confirm-text').textContent = w.plural('confirm.text', unopened.length);
  const names = unopened.slice(0, maxNamed).map((p) => el('li', {}, p.entry?.name ?? ''));
  if (unopened.length > maxNamed) names.push(el('li', { class: 'muted' }, w.plural('confirm.more', unopened.length - maxNamed)));
  byId('confirm-list').replaceChildren(...names);
  return new Promise((resolve) => {
    const buttons = (['review', 'others', 'all'] as const).map((choice) => {
      const button = byId<HTMLButtonElement>(`confirm-${choice}`);
      const onClick = () => dialog.close(choice);
      button.addEventListener('click', onClick);
      return () => button.removeEventListener('click', onClick);
    });
    dialog.addEventListener(
      'close',
      () => {
        for (const off of buttons) off();
        const v = dialog.returnValue;
        resolve(v === 'review' || v === 'others' || v === 'all' ? v : 'cancel');
      },
      { once: true },
    );
    dialog.returnValue = '';
    dialog.showModal();
    byId('confirm-review').focus();
  });
}
