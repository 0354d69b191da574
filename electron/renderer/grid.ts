// The grid: one card per photo with its status, flagged photos first. Cards are buttons, so the
// grid is walked with Tab and opened with Enter.
import { el } from './dom.js';
import type { Words } from '../../src/contract/index.js';
import { reviewOrder, statusOf, type Photo } from './photos.js';

export function renderGrid(list: HTMLElement, photos: readonly Photo[], tr: Words, thumb: (id: number) => string | undefined): void {
  const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-id]')?.dataset.id;
  const cards = reviewOrder(photos).map((p) => {
    const status = statusOf(p, tr);
    const src = thumb(p.id);
    const name = p.entry?.name ?? '';
    return el(
      'li',
      {},
      el(
        'button',
        { type: 'button', class: `card tone-${status.tone}`, 'data-id': p.id, 'aria-label': `${name} — ${status.text}` },
        src ? el('img', { src, alt: '' }) : el('span', { class: 'thumb-placeholder', 'aria-hidden': 'true' }),
        el('span', { class: 'name' }, name),
        el('span', { class: 'badge' }, status.text),
      ),
    );
  });
  list.replaceChildren(...cards);
  if (focused) list.querySelector<HTMLElement>(`[data-id="${focused}"]`)?.focus();
}
