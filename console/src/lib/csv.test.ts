import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV export', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('Pérez, Ana')).toBe('"Pérez, Ana"');
    expect(csvCell('the "head"')).toBe('"the ""head"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('keeps cells that a spreadsheet would run as formulas as text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+584121234567')).toBe("'+584121234567");
  });

  it('writes a header, CRLF rows, empty cells for missing values and a byte-order mark', () => {
    expect(toCsv(['name', 'departed'], [['Ana', null], ['Luis', '2019-03-14T10:00:00Z']])).toBe(
      '\uFEFFname,departed\r\nAna,\r\nLuis,2019-03-14T10:00:00Z\r\n',
    );
  });
});
