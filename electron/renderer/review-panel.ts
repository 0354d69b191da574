// The side panel of the review screen: faces as toggles, what the photo gives away in plain
// words, and after export what became of each item, read back from the written copy.
import { describeFinding, errorText, problemText, warningText, type Words } from '../../src/contract/index.js';
import { el } from './dom.js';
import type { Photo } from './photos.js';

export interface PanelActions {
  toggleFace(index: number): void;
  exportOne(): void;
  showInFolder(): void;
  copy(): void;
}

function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return el('section', { class: 'panel-section' }, el('h3', {}, title), ...children);
}

/** Side of a face's thumbnail in the face list, in CSS pixels. */
const cropSide = 48;

/**
 * A small picture of one head, cut from the review picture with CSS, so a parent can tell who is
 * who ("this one is me") before choosing which face to leave visible.
 */
function faceCrop(
  head: { x: number; y: number; width: number; height: number },
  photo: { width: number; height: number },
  previewUrl: string,
): HTMLElement {
  const side = Math.max(head.width, head.height);
  const k = cropSide / side;
  const node = el('span', { class: 'face-crop', 'aria-hidden': 'true' });
  Object.assign(node.style, {
    backgroundImage: `url("${previewUrl}")`,
    backgroundSize: `${photo.width * k}px ${photo.height * k}px`,
    backgroundPosition: `${-(head.x + head.width / 2 - side / 2) * k}px ${-(head.y + head.height / 2 - side / 2) * k}px`,
  });
  return node;
}

export function renderPanel(panel: HTMLElement, p: Photo, tr: Words, actions: PanelActions, note = '', previewUrl?: string): void {
  const s = p.state;
  if (s.state === 'analysing') return panel.replaceChildren(el('p', {}, tr.t('review.analysing')));
  if (s.state === 'failed')
    return panel.replaceChildren(el('p', { class: 'error' }, tr.t('status.failed', { message: errorText(s.error, tr) })));
  const cover = p.cover!;
  const exported = p.exported?.status === 'done';
  const parts: HTMLElement[] = [el('p', { class: 'muted' }, tr.t('review.hint')), el('p', { class: 'muted small' }, tr.t('review.keys'))];

  const warnings = [...new Set(s.warnings.map((w) => w.code))].filter((c) => c !== 'face-left-uncovered');
  if (warnings.length) parts.push(el('ul', { class: 'warnings' }, ...warnings.map((c) => el('li', {}, warningText(c, tr)))));

  const faces = s.faces.length
    ? el(
        'ul',
        { class: 'face-list' },
        ...s.faces.map((f, i) => {
          const covered = cover.faces[i] !== null;
          const notes = [
            f.source === 'file' ? tr.t('review.faceFromFile') : '',
            f.source === 'detector' && f.score < 0.5 ? tr.t('review.faceUnsure') : '',
            f.keepReason ?? '',
          ].filter(Boolean);
          const button = el(
            'button',
            { type: 'button', class: covered ? 'toggle on' : 'toggle', 'aria-pressed': String(covered), 'data-face': i },
            tr.t(covered ? 'review.faceCovered' : 'review.faceVisible', { n: i + 1 }),
          );
          button.addEventListener('click', () => actions.toggleFace(i));
          return el(
            'li',
            {},
            previewUrl ? faceCrop(f.cover, s, previewUrl) : null,
            button,
            notes.length ? el('span', { class: 'muted small' }, ` ${notes.join(' · ')}`) : null,
          );
        }),
      )
    : el('p', { class: 'check' }, tr.t('review.noFaces'));
  parts.push(section(tr.t('review.faces'), faces));

  // One line per fact, from its fields, in the user's words; where it was found in small print.
  const findings = s.findings.map((f) => {
    const d = describeFinding(f, tr);
    return el(
      'li',
      { class: d.sensitive ? 'sensitive' : 'technical' },
      el('span', { class: 'mark', 'aria-hidden': 'true' }, d.sensitive ? '•' : '·'),
      el('span', { class: 'detail' }, d.text),
      el(
        'span',
        { class: exported ? 'fate gone' : 'fate' },
        exported ? ` ✓ ${tr.t('review.removed')}` : ` — ${tr.t('review.willBeRemoved')}`,
      ),
      d.detail ? el('span', { class: 'where muted small' }, d.detail) : null,
    );
  });
  const legend = el('p', { class: 'legend muted small' }, `• ${tr.t('legend.sensitive')}   · ${tr.t('legend.technical')}`);
  parts.push(
    section(
      tr.t('review.givesAway'),
      ...(findings.length ? [el('ul', { class: 'findings' }, ...findings), legend] : [el('p', {}, tr.t('review.givesNothing'))]),
    ),
  );

  const exportButton = el('button', { type: 'button', class: 'primary', id: 'export-one' }, tr.t('review.exportThis'));
  exportButton.addEventListener('click', () => actions.exportOne());
  parts.push(el('div', { class: 'panel-actions' }, exportButton));

  const out = p.exported;
  if (out) {
    const body: (HTMLElement | null)[] = [];
    if (out.status === 'done') {
      body.push(el('p', { id: 'saved-as' }, tr.t('review.savedAs', { name: out.outputName ?? '', folder: out.outputFolder ?? '' })));
      body.push(el('p', {}, tr.plural('review.coversCount', out.covered)));
      const v = out.verify;
      body.push(
        v?.clean
          ? el('p', { class: 'ok', id: 'verified' }, `✓ ${tr.t('review.verifiedClean')}`)
          : el(
              'p',
              { class: 'error' },
              tr.t('review.verifyProblems', { problems: v?.problems.map((x) => problemText(x, tr)).join('; ') ?? '?' }),
            ),
      );
      const show = el('button', { type: 'button', id: 'show-in-folder' }, tr.t('review.showInFolder'));
      const copy = el('button', { type: 'button', id: 'copy-image' }, tr.t('review.copy'));
      show.addEventListener('click', () => actions.showInFolder());
      copy.addEventListener('click', () => actions.copy());
      body.push(el('div', { class: 'panel-actions' }, show, copy));
    } else {
      body.push(el('p', { class: 'error' }, tr.t('status.notSaved', { message: errorText(out.error, tr) })));
    }
    parts.push(section(tr.t('review.safeCopy'), ...body));
  }
  if (note) parts.push(el('p', { class: 'ok', role: 'status' }, note));
  panel.replaceChildren(...parts);
}
