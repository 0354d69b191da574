// The page's static words: every element marked data-i18n gets its text from the shared catalogue.
import type { MessageKey, Words } from '../../src/contract/index.js';

/** Fills every element marked data-i18n (text) or data-i18n-label (aria-label and title). */
export function applyStatic(root: ParentNode, w: Words): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = w.t(node.dataset.i18n as MessageKey);
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const text = w.t(node.dataset.i18nLabel as MessageKey);
    node.setAttribute('aria-label', text);
    node.title = text;
  }
}
