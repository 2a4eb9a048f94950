/**
 * Content types of every export and a Content-Disposition builder for file names that are usually
 * document titles, often Arabic. Old clients only read `filename` (ASCII), modern ones prefer
 * `filename*` (RFC 6266 / RFC 8187, UTF-8 percent-encoded), so both are sent.
 */

export const CONTENT_TYPES = {
  akn: 'application/akn+xml; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;
export type ExportFormat = keyof typeof CONTENT_TYPES;

export const EXTENSIONS: Record<ExportFormat, string> = {
  akn: '.akn.xml',
  markdown: '.md',
  docx: '.docx',
  csv: '.csv',
  json: '.json',
  html: '.html',
};

const MAX_NAME = 150;

/** Drops what has no place in a file name: controls, path separators, characters Windows forbids. */
function cleanName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    // Lone surrogates would make encodeURIComponent throw.
    // Direction controls too: a title "\u202Etxt.exe" must not make a saved file read reversed.
    .replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\uFEFF]+/g, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001F\u007F-\u009F/\\:*?"<>|]+|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return Array.from(cleaned).slice(0, MAX_NAME).join('') || 'download';
}

/** Splits "x.akn.xml" into ["x", ".akn.xml"] so the extension survives the ASCII fallback. */
function splitExtension(name: string): [string, string] {
  const m = /((?:\.[A-Za-z0-9]{1,8}){1,2})$/.exec(name);
  return m ? [name.slice(0, m.index), m[1]] : [name, ''];
}

/** ASCII-only fallback: accents folded ("é" → "e"), everything else outside [A-Za-z0-9._-] dropped. */
export function asciiFilename(name: string): string {
  const [base, ext] = splitExtension(cleanName(name));
  const ascii = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036F]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '');
  return `${ascii || 'download'}${ext.toLowerCase()}`;
}

/** RFC 8187 value-chars: encodeURIComponent leaves ' ( ) * unescaped, which attr-char does not allow. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="ascii.ext"; filename*=UTF-8''percent-encoded` — safe for any title. */
export function attachmentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const name = cleanName(filename);
  return `${type}; filename="${asciiFilename(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}
