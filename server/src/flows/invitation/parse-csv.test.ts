import { describe, it, expect } from 'vitest';
import { parseCsv } from './parse-csv.ts';

const cells = (text: string) => parseCsv(text).map((r) => r.cells);

describe('parseCsv', () => {
  it('reads quoted fields, escaped quotes, CRLF and skips blank lines', () => {
    expect(cells('email,firstName\r\n"a@x.test","Ann ""Nan"""\n\nb@x.test,"Smith, Bob"\n')).toEqual([
      ['email', 'firstName'],
      ['a@x.test', 'Ann "Nan"'],
      ['b@x.test', 'Smith, Bob'],
    ]);
  });

  it('keeps the last row without a line end', () => {
    expect(cells('a@x.test,member')).toEqual([['a@x.test', 'member']]);
  });

  it('numbers each record by the line it starts on, counting blank lines and line breaks inside quotes', () => {
    const records = parseCsv('email,firstName\r\n\r\na@x.test,"Ann\r\nMarie"\n\n\nb@x.test,Bob\n');
    expect(records.map((r) => r.line)).toEqual([1, 3, 7]);
    expect(records[1].cells).toEqual(['a@x.test', 'Ann\nMarie']);
  });

  it('reads the semicolons a French spreadsheet saves, and tabs, keeping commas inside fields', () => {
    expect(cells('email;firstName;lastName\na@x.test;Anne;Dupont, fils\n')).toEqual([
      ['email', 'firstName', 'lastName'],
      ['a@x.test', 'Anne', 'Dupont, fils'],
    ]);
    expect(cells('email\tfirstName\na@x.test\tAnne\n')).toEqual([['email', 'firstName'], ['a@x.test', 'Anne']]);
    expect(cells('"x;y",z\n')).toEqual([['x;y', 'z']]);
  });

  it('ignores the byte-order mark Excel puts before UTF-8', () => {
    expect(cells('\uFEFFemail,firstName\na@x.test,Zoë\n')).toEqual([['email', 'firstName'], ['a@x.test', 'Zoë']]);
  });
});
