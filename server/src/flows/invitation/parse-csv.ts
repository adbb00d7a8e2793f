export type CsvRecord = { /** The file's line (1-based) the record starts on, as a text editor or spreadsheet numbers it. */ line: number; cells: string[] };

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The separator the first line uses most outside quotes: spreadsheets in much of Europe (French
 * Excel among them) save "CSV" with semicolons, and some tools with tabs.
 */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  return [...counts].reduce((best, d) => (d[1] > best[1] ? d : best), [',', 0])[0];
}

/**
 * RFC 4180 CSV: double-quoted fields with "" escapes, CRLF or LF line ends, a leading byte-order
 * mark ignored. Empty lines are skipped but still counted, so each record keeps its line number.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const endRecord = () => {
    row.push(field);
    if (row.some((f) => f.trim() !== '')) records.push({ line: startLine, cells: row });
    (row = []), (field = '');
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const newline = c === '\n' || c === '\r';
    if (newline && c === '\r' && text[i + 1] === '\n') i++;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += newline ? '\n' : c;
      if (newline) line++;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) row.push(field), (field = '');
    else if (newline) {
      endRecord();
      line++;
      startLine = line;
    } else field += c;
  }
  endRecord();
  return records;
}
