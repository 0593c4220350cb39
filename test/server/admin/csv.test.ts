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
});
