// A tiny element builder: the UI is built with DOM calls, never innerHTML, so no text from a photo's
// metadata can ever become markup.
type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id} in index.html`);
  return node as T;
}

/** An object URL for image bytes, revoked when a newer one for the same slot replaces it. */
export class ImageUrls {
  private readonly urls = new Map<string, string>();
  set(slot: string, bytes: Uint8Array, mime: string): string {
    const old = this.urls.get(slot);
    if (old) URL.revokeObjectURL(old);
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
    this.urls.set(slot, url);
    return url;
  }
  get(slot: string): string | undefined {
    return this.urls.get(slot);
  }
}
