// The settings dialog: every change is saved at once (through main, into the file the right-click
// action reads too), and the dialog shows what was really saved.
import type { Language, SettingsView, ShareSafelyBridge } from '../../src/contract/bridge.js';
import { byId } from './dom.js';
import type { Words } from '../../src/contract/index.js';

export class SettingsDialog {
  private readonly dialog = byId<HTMLDialogElement>('settings');
  private readonly form = byId<HTMLFormElement>('settings-form');
  private settings: SettingsView;
  private tr: Words;

  constructor(
    private readonly bridge: ShareSafelyBridge,
    initial: SettingsView,
    tr: Words,
    private readonly onSaved: (s: SettingsView) => void,
    private readonly onError: (message: string) => void,
  ) {
    this.settings = initial;
    this.tr = tr;
    this.form.addEventListener('submit', (e) => e.preventDefault());
    this.form.addEventListener('change', () => void this.save(this.read()));
    byId('settings-close').addEventListener('click', () => this.dialog.close());
    byId('choose-folder').addEventListener('click', () => void this.chooseFolder());
    this.fill();
  }

  open(): void {
    this.fill();
    this.dialog.showModal();
  }

  setTranslator(tr: Words): void {
    this.tr = tr;
    this.fill();
  }

  private field<T extends HTMLInputElement | HTMLSelectElement>(name: string): T {
    return this.form.elements.namedItem(name) as T;
  }

  private fill(): void {
    const s = this.settings;
    for (const name of ['style', 'faces', 'place'] as const) {
      for (const input of this.form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)) input.checked = input.value === s[name];
    }
    this.field<HTMLSelectElement>('format').value = s.format;
    this.field<HTMLInputElement>('color').value = s.color ?? '#808080';
    this.field<HTMLInputElement>('rename').checked = s.rename;
    this.field<HTMLSelectElement>('language').value = s.language ?? '';
    const folderRadio = this.form.querySelector<HTMLInputElement>('input[name="place"][value="folder"]')!;
    folderRadio.disabled = !s.folder;
    byId('place-folder-label').textContent = this.tr.t('settings.place.folder', { folder: s.folder ?? this.tr.t('settings.noFolder') });
  }

  private read(): SettingsView {
    const checked = (name: string) => this.form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
    const next: SettingsView = {
      style: (checked('style') ?? this.settings.style) as SettingsView['style'],
      faces: (checked('faces') ?? this.settings.faces) as SettingsView['faces'],
      place: (checked('place') ?? this.settings.place) as SettingsView['place'],
      format: this.field<HTMLSelectElement>('format').value as SettingsView['format'],
      rename: this.field<HTMLInputElement>('rename').checked,
    };
    const color = this.field<HTMLInputElement>('color').value;
    if (/^#[0-9a-f]{6}$/i.test(color)) next.color = color.toLowerCase();
    if (this.settings.folder) next.folder = this.settings.folder;
    const lang = this.field<HTMLSelectElement>('language').value;
    if (lang === 'en' || lang === 'fr') next.language = lang as Language;
    return next;
  }

  /** Saves are sent one after another, so the last choice is the one saved. */
  private saving: Promise<void> = Promise.resolve();
  private pending = 0;

  private save(next: SettingsView): Promise<void> {
    this.pending++;
    this.saving = this.saving.then(async () => {
      try {
        this.settings = await this.bridge.saveSettings(next);
        this.onSaved(this.settings);
      } catch (e) {
        this.onError(e instanceof Error ? e.message : String(e));
      } finally {
        // Refilling the form while a newer choice waits would undo what the user just did.
        if (--this.pending === 0) this.fill();
      }
    });
    return this.saving;
  }

  private async chooseFolder(): Promise<void> {
    const saved = await this.bridge.chooseFolder();
    if (!saved) return;
    this.settings = saved;
    this.fill();
    this.onSaved(saved);
  }
}
