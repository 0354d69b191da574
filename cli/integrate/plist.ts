// Apple property lists in their XML form, from plain values. Integers only: nothing we write needs reals.
import { xmlText } from './quote.js';

export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

function write(v: PlistValue, indent: string): string {
  const inner = `${indent}\t`;
  if (typeof v === 'string') return `${indent}<string>${xmlText(v)}</string>`;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`plist: ${v} is not an integer`);
    return `${indent}<integer>${v}</integer>`;
  }
  if (typeof v === 'boolean') return `${indent}<${v}/>`;
  if (Array.isArray(v)) {
    return v.length ? `${indent}<array>\n${v.map((x) => write(x, inner)).join('\n')}\n${indent}</array>` : `${indent}<array/>`;
  }
  const keys = Object.keys(v);
  if (!keys.length) return `${indent}<dict/>`;
  const body = keys.map((k) => `${inner}<key>${xmlText(k)}</key>\n${write(v[k], inner)}`).join('\n');
  return `${indent}<dict>\n${body}\n${indent}</dict>`;
}

export function plistXml(root: PlistValue): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
${write(root, '')}
</plist>
`;
}
