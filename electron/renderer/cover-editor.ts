// The layer over the picture where the user decides what is covered: faces (click to leave one
// visible or cover it again), ovals or rectangles drawn by dragging on the picture, and moving or
// resizing any cover by pointer or keyboard. Each cover is drawn in the shape the engine paints
// (an oval is the ellipse inscribed in its box). All positions are photo pixels; the layer shows them in %.
import type { Cover, Rect, Shape } from '../../src/contract/bridge.js';
import { el } from './dom.js';
import { centredRect, fromCorners, keyStep, MIN_SIZE, moveBy, percentBox, resizeBy, toPhoto } from './geometry.js';
import type { Words } from '../../src/contract/index.js';
import type { Ready } from './photos.js';

type Key = `face-${number}` | `extra-${number}`;

interface Gesture {
  mode: 'move' | 'resize' | 'draw';
  key?: Key;
  start: { x: number; y: number };
  startRect?: Rect;
  moved: boolean;
  pointerId: number;
  live?: HTMLElement;
}

function rectOf(c: Cover, key: Key): Shape | null {
  const [kind, n] = key.split('-') as ['face' | 'extra', string];
  return (kind === 'face' ? c.faces[Number(n)] : c.extra[Number(n)]) ?? null;
}

/** The cover with the shape at `key` moved to rectangle `r` (keeping its shape), or removed (null). */
function withRect(c: Cover, key: Key, r: Rect | Shape | null): Cover {
  const [kind, n] = key.split('-') as ['face' | 'extra', string];
  const i = Number(n);
  const old = rectOf(c, key);
  if (r !== null) {
    const shape = 'shape' in r ? r.shape : (old?.shape ?? 'rect');
    // Moving or resizing a turned oval keeps its turn.
    const angle = 'angle' in r ? r.angle : old?.angle;
    r = { shape, x: r.x, y: r.y, width: r.width, height: r.height, ...(shape === 'ellipse' && angle ? { angle } : {}) };
  }
  if (kind === 'face') return { ...c, faces: c.faces.map((f, j) => (j === i ? r : f)) };
  if (r === null) return { ...c, extra: c.extra.filter((_, j) => j !== i) };
  return { ...c, extra: c.extra.map((f, j) => (j === i ? r : f)) };
}

function place(node: HTMLElement, r: Rect | Shape, w: number, h: number): void {
  Object.assign(node.style, percentBox(r, w, h));
  if ('shape' in r) {
    node.classList.toggle('ellipse', r.shape === 'ellipse');
    // A turned oval follows a tilted head; the box turns about its centre, as the engine paints it.
    node.style.transform = r.shape === 'ellipse' && r.angle ? `rotate(${r.angle}deg)` : '';
  }
}

export class CoverEditor {
  private photo: Ready | undefined;
  private cover: Cover = { faces: [], extra: [] };
  private gesture: Gesture | undefined;
  /** The shape of the next cover the user draws or adds. */
  drawShape: Shape['shape'] = 'ellipse';

  constructor(
    private readonly layer: HTMLElement,
    private tr: Words,
    private readonly onChange: (cover: Cover) => void,
  ) {
    layer.addEventListener('pointerdown', (e) => this.down(e));
    layer.addEventListener('pointermove', (e) => this.move(e));
    layer.addEventListener('pointerup', (e) => this.up(e));
    layer.addEventListener('pointercancel', () => this.cancel());
    layer.addEventListener('keydown', (e) => this.key(e));
    // Enter/Space on a face button (a keyboard click: detail 0); pointer clicks are handled on pointerup.
    layer.addEventListener('click', (e) => {
      const target = e.target as HTMLElement;
      const remove = target.closest<HTMLElement>('[data-remove]')?.dataset.remove as Key | undefined;
      if (remove) return this.commit(withRect(this.cover, remove, null));
      const key = target.closest<HTMLElement>('[data-key]')?.dataset.key as Key | undefined;
      if (e.detail === 0 && key?.startsWith('face-')) this.toggleFace(key);
    });
  }

  show(photo: Ready, cover: Cover, tr: Words, focus?: Key): void {
    this.photo = photo;
    this.cover = cover;
    this.tr = tr;
    this.draw(focus);
  }

  /** Adds a centred cover (the keyboard way to cover something the detector missed) and focuses it. */
  addCentred(): void {
    if (!this.photo) return;
    const added: Shape = { shape: this.drawShape, ...centredRect(this.photo.width, this.photo.height) };
    this.commit({ ...this.cover, extra: [...this.cover.extra, added] }, `extra-${this.cover.extra.length}`);
  }

  private commit(next: Cover, focus?: Key): void {
    this.cover = next;
    this.draw(focus);
    this.onChange(next);
  }

  private draw(focus?: Key): void {
    const p = this.photo;
    if (!p) return;
    // A redraw must not drop the keyboard user's place.
    const active = document.activeElement;
    focus ??= this.layer.contains(active)
      ? ((active as HTMLElement).closest<HTMLElement>('[data-key]')?.dataset.key as Key | undefined)
      : undefined;
    const { tr } = this;
    const nodes: HTMLElement[] = [];
    p.faces.forEach((face, i) => {
      const r = this.cover.faces[i];
      const covered = r !== null && r !== undefined;
      const label = tr.t(covered ? 'review.faceCovered' : 'review.faceVisible', { n: i + 1 });
      const node = el(
        'button',
        {
          type: 'button',
          class: covered ? 'cover face' : 'face visible',
          'data-key': `face-${i}`,
          'aria-pressed': String(covered),
          'aria-label': label,
          title: label,
        },
        el('span', { class: 'tag', 'aria-hidden': 'true' }, String(i + 1)),
      );
      if (covered) node.append(el('span', { class: 'handle', 'aria-hidden': 'true' }));
      place(node, covered ? r : face.box, p.width, p.height);
      nodes.push(node);
    });
    this.cover.extra.forEach((r, j) => {
      const label = tr.t('review.cover', { n: j + 1 });
      const remove = el(
        'button',
        {
          type: 'button',
          class: 'remove',
          'data-remove': `extra-${j}`,
          'aria-label': tr.t('review.removeCover'),
          title: tr.t('review.removeCover'),
        },
        '×',
      );
      const node = el(
        'div',
        { class: 'cover extra', tabindex: 0, role: 'group', 'data-key': `extra-${j}`, 'aria-label': label, title: label },
        el('span', { class: 'tag', 'aria-hidden': 'true' }, `+${j + 1}`),
        remove,
        el('span', { class: 'handle', 'aria-hidden': 'true' }),
      );
      place(node, r, p.width, p.height);
      nodes.push(node);
    });
    this.layer.replaceChildren(...nodes);
    if (focus) this.layer.querySelector<HTMLElement>(`[data-key="${focus}"]`)?.focus();
  }

  private toggleFace(key: Key): void {
    const i = Number(key.slice(5));
    const face = this.photo?.faces[i];
    if (!face) return;
    this.commit(withRect(this.cover, key, this.cover.faces[i] ? null : { ...face.cover }), key);
  }

  private point(e: PointerEvent): { x: number; y: number } {
    const p = this.photo!;
    return toPhoto(e.clientX, e.clientY, this.layer.getBoundingClientRect(), p.width, p.height);
  }

  private down(e: PointerEvent): void {
    if (!this.photo || e.button !== 0) return;
    const target = e.target as HTMLElement;
    if (target.closest('[data-remove]')) return;
    const holder = target.closest<HTMLElement>('[data-key]');
    const key = holder?.dataset.key as Key | undefined;
    const start = this.point(e);
    if (key) {
      const rect = rectOf(this.cover, key);
      this.gesture = {
        mode: target.classList.contains('handle') ? 'resize' : 'move',
        key,
        start,
        moved: false,
        pointerId: e.pointerId,
        live: holder!,
      };
      if (rect) this.gesture.startRect = rect;
    } else {
      const live = el('div', { class: `cover drawing${this.drawShape === 'ellipse' ? ' ellipse' : ''}`, 'aria-hidden': 'true' });
      this.layer.append(live);
      this.gesture = { mode: 'draw', start, moved: false, pointerId: e.pointerId, live };
    }
    this.layer.setPointerCapture(e.pointerId);
    e.preventDefault();
  }

  /** The rectangle the current gesture would produce at this pointer position. */
  private gestureRect(g: Gesture, at: { x: number; y: number }): Rect | null {
    const { width: w, height: h } = this.photo!;
    if (g.mode === 'draw') return fromCorners(g.start.x, g.start.y, at.x, at.y, w, h);
    if (!g.startRect) return null;
    const dx = at.x - g.start.x;
    const dy = at.y - g.start.y;
    return g.mode === 'move' ? moveBy(g.startRect, dx, dy, w, h) : resizeBy(g.startRect, dx, dy, w, h);
  }

  private move(e: PointerEvent): void {
    const g = this.gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    const at = this.point(e);
    const shown = this.layer.getBoundingClientRect();
    const pxPerPhoto = shown.width / this.photo!.width;
    if (!g.moved && Math.hypot(at.x - g.start.x, at.y - g.start.y) * pxPerPhoto < 3) return;
    g.moved = true;
    const r = this.gestureRect(g, at);
    if (r && g.live) place(g.live, r, this.photo!.width, this.photo!.height);
  }

  private up(e: PointerEvent): void {
    const g = this.gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    this.gesture = undefined;
    this.layer.releasePointerCapture(e.pointerId);
    if (!g.moved) {
      if (g.mode === 'draw') g.live?.remove();
      else if (g.key?.startsWith('face-')) this.toggleFace(g.key);
      else if (g.key) this.layer.querySelector<HTMLElement>(`[data-key="${g.key}"]`)?.focus();
      return;
    }
    const r = this.gestureRect(g, this.point(e));
    if (g.mode === 'draw') {
      g.live?.remove();
      if (r && r.width >= MIN_SIZE && r.height >= MIN_SIZE)
        this.commit({ ...this.cover, extra: [...this.cover.extra, { shape: this.drawShape, ...r }] }, `extra-${this.cover.extra.length}`);
      return;
    }
    if (r && g.key) this.commit(withRect(this.cover, g.key, r), g.key);
  }

  private cancel(): void {
    this.gesture = undefined;
    this.draw();
  }

  private key(e: KeyboardEvent): void {
    const holder = (e.target as HTMLElement).closest<HTMLElement>('[data-key]');
    const key = holder?.dataset.key as Key | undefined;
    if (!key || !this.photo || (e.target as HTMLElement).closest('[data-remove]')) return;
    const r = rectOf(this.cover, key);
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      if (r) this.commit(withRect(this.cover, key, null), key.startsWith('face-') ? key : undefined);
      return;
    }
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const dir = arrows[e.key];
    if (!dir || !r) return;
    e.preventDefault();
    const { width: w, height: h } = this.photo;
    const step = keyStep(w, h);
    const next = e.shiftKey ? resizeBy(r, dir[0] * step, dir[1] * step, w, h) : moveBy(r, dir[0] * step, dir[1] * step, w, h);
    this.commit(withRect(this.cover, key, next), key);
  }
}
