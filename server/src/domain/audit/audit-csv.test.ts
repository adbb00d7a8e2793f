import { describe, it, expect } from 'vitest';
import { csvCell } from './audit-csv.ts';

describe('audit CSV cells', () => {
  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const s of ['=1+1', '+cmd', '-2', '@SUM(A1)', '\t=x', '\r=x']) expect(csvCell(s).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('sign_in')).toBe('sign_in');
  });

  it('quotes commas, quotes and line breaks, and writes objects as JSON', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell(null)).toBe('');
  });
});
