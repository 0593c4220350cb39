import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../../src-server/services/admin/csv';

describe('audit CSV cells', () => {
  it('quotes commas, quotes and line breaks and doubles embedded quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell(null)).toBe('');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1`).startsWith(`'`) || csvCell(`${start}1`).startsWith(`"'`)).toBe(true);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });

  it('ends each row with CRLF', () => {
    expect(csvRow(['a', null, 'b c'])).toBe('a,,b c\r\n');
  });

  it('neutralises what the review found: leading space, NBSP, full-width ＝, and ;= after a separator', () => {
    for (const value of [
      ' =1+1',
      '\u00A0=1+1',
      '\uFF1D1+1',
      '\uFF0BA1',
      '\uFF0D1',
      '\uFF201',
      'a;=1+1',
      'x,@SUM(A1)',
      '\u2003-2',
      'a|+1',
    ])
      expect(unquote(csvCell(value))).toBe(`'${value}`);
  });

  it('property: every cell round-trips (value or apostrophe + value) and never starts a formula', () => {
    const alphabet = fc.constantFrom(
      ...'ab1 ,;|"\t\r\n=+-@\u00A0\u2003\u3000\uFEFF\uFF1D\uFF0B\uFF0D\uFF20\u2212'.split(''),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 12 })), (value) => {
        const cell = csvCell(value);
        const content = unquote(cell);
        expect([value, `'${value}`]).toContain(content);
        if (!content.startsWith(`'`)) {
          expect(content).not.toMatch(/^[\t\r]/);
          expect(content).not.toMatch(/(^|[,;\t|])[\s\p{Zs}\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\u2212]/u);
        }
        if (/[,;\t|"\r\n]/.test(content)) expect(cell.startsWith('"')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

/** Reads one RFC 4180 cell back to its content. */
function unquote(cell: string): string {
  return cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}
