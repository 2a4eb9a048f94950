/**
 * CSV for the comment-response report (RFC 4180): CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, quotes doubled. Written as UTF-8 with a byte-order mark, because
 * Excel otherwise opens the file in the system code page and Arabic comes out as mojibake.
 *
 * Comment text is written by the public, so a cell that a spreadsheet would run as a formula
 * ("=HYPERLINK(…)", "+cmd|…", "-2+3", "@SUM(…)", or one hidden behind a tab/CR) is neutralised with a
 * leading apostrophe, as OWASP recommends for CSV injection.
 */

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
/** Spreadsheets skip leading blanks before deciding "this is a formula", so look past them. */
const FORMULA_AFTER_BLANKS = /^[ \u00A0\n]+[=+\-@]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** A text cell made safe to open in a spreadsheet. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) || FORMULA_AFTER_BLANKS.test(value) ? `'${value}` : value;
}

function field(value: string | number | null): string {
  if (value === null) return '';
  // Numbers come from our own counts, never from users: "-3" stays a number the spreadsheet can sum.
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : neutralizeFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows shorter than the header are padded so every record has the same number of fields. */
export function toCsv(header: string[], rows: (string | number | null)[][]): Buffer {
  const records = [header, ...rows].map((row) => {
    const cells = row.length < header.length ? [...row, ...Array<null>(header.length - row.length).fill(null)] : row;
    return cells.map(field).join(',');
  });
  return Buffer.from(`${BOM}${records.map((r) => `${r}\r\n`).join('')}`, 'utf8');
}
