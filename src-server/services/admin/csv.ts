/** Characters a spreadsheet may read as the start of a formula, ASCII and full-width/small look-alikes. */
const FORMULA_CHARS = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFE66\\uFE62\\uFE63\\uFE6B\\u2212';

/** Leading blanks spreadsheets skip: ASCII whitespace, NBSP and every Unicode space, BOM. */
const BLANKS = '\\s\\p{Zs}\\u00A0\\u180E\\u200B-\\u200D\\u2060\\uFEFF';

/** Field separators a spreadsheet may split on (comma, semicolon, tab, pipe). */
const SEPARATORS = ',;\\t|';

/**
 * A cell is a formula risk when it starts with a tab or carriage return, or when it — or any part
 * after a separator — starts, after blanks, with a formula character (OWASP CSV injection).
 */
const FORMULA_RISK = new RegExp(`^[\\t\\r]|(?:^|[${SEPARATORS}])[${BLANKS}]*[${FORMULA_CHARS}]`, 'u');

/** Cells that must be quoted: separators, quotes, line breaks, or leading/trailing blanks. */
const NEEDS_QUOTES = new RegExp(`[",;\\t|\\r\\n]|^[${BLANKS}]|[${BLANKS}]$`, 'u');

/**
 * One CSV cell: a cell a spreadsheet could run as a formula gets a leading apostrophe, then any
 * cell with a separator, quote, line break or edge blank is quoted with its quotes doubled (RFC 4180).
 */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_RISK.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line ending in CRLF, as RFC 4180 and spreadsheets expect. */
export function csvRow(cells: readonly (string | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
