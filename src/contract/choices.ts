// The choices a person can make, once: the engine's options, the saved settings, the CLI flags, the
// IPC checks and the settings dialog all take these lists.
export const facesPolicies = ['all', 'children', 'none'] as const;
export const coverStyles = ['blur', 'pixelate', 'solid', 'sticker'] as const;
export const formatChoices = ['keep', 'jpeg', 'png', 'webp'] as const;
/** Where safe copies go: beside the originals, in a "Safe to share" folder beside them, or one chosen folder. */
export const outputPlaces = ['beside', 'subfolder', 'folder'] as const;
export const languages = ['en', 'fr'] as const;

export type FacesPolicy = (typeof facesPolicies)[number];
export type CoverStyle = (typeof coverStyles)[number];
export type FormatChoice = (typeof formatChoices)[number];
export type OutputPlace = (typeof outputPlaces)[number];
export type Language = (typeof languages)[number];

/** The saved settings, shared by the desktop app and the right-click action (the CLI has its flags). */
export interface Settings {
  style: CoverStyle;
  /** Fill colour of the solid style, #rrggbb; undefined = the default grey. */
  color?: string;
  faces: FacesPolicy;
  format: FormatChoice;
  rename: boolean;
  place: OutputPlace;
  /** The chosen folder when place is 'folder'. */
  folder?: string;
  /** UI language; undefined = follow the system. */
  language?: Language;
}
