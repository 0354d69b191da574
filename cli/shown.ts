// Text from outside — file and folder names, metadata values, messages that quote them — as shown on a
// terminal. Control characters and bidirectional overrides are escaped, so a hostile name cannot move the
// cursor, recolour or erase lines (and so fake a report), or disguise its extension. JSON output is left
// to JSON.stringify, which escapes control characters itself.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function shown(text: string): string {
  return text.replace(unsafe, (c) => {
    const code = c.codePointAt(0)!;
    return named[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`);
  });
}
