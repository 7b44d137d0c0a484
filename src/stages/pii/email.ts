import type { Span } from './kinds.js';

// Unicode letters in both parts (`josé@exemplo.br`, IDN domains): ASCII-only would leak them.
const EMAIL = /(?<![\p{L}\p{N}_.%+-])[\p{L}\p{N}][\p{L}\p{N}_.%+-]{0,63}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])/gu;

// `icon@2x.png` and `logo@3x.webp` are asset names, not addresses.
const FILE_EXTENSION = /\.(?:png|jpe?g|gif|svg|webp|ico|bmp|tiff?|avif|js|ts|css|json|md|py)$/i;

export const findEmails = (text: string): Span[] => {
  const spans: Span[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const end = m.index + m[0].length;
    if (FILE_EXTENSION.test(m[0])) continue;
    if (text[end] === ':' && /^[\w~./-]/.test(text.slice(end + 1, end + 2))) continue; // git@github.com:org/repo
    spans.push({ start: m.index, end });
  }
  return spans;
};
