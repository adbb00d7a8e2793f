import { describe, it, expect } from 'vitest';
import { parseCsv } from './parse-csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields, escaped quotes, CRLF and skips blank lines', () => {
    expect(parseCsv('email,firstName\r\n"a@x.test","Ann ""Nan"""\n\nb@x.test,"Smith, Bob"\n')).toEqual([
      ['email', 'firstName'],
      ['a@x.test', 'Ann "Nan"'],
      ['b@x.test', 'Smith, Bob'],
    ]);
  });
  it('keeps the last row without a line end', () => {
    expect(parseCsv('a@x.test,member')).toEqual([['a@x.test', 'member']]);
  });
});
