import { describe, expect, it } from 'vitest';
import { lineText, multilineText, nameField, passwordField } from './fields.ts';
import { profileDetailsInput } from './profile.ts';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: string) => schema.safeParse(v).success;

describe('text people read', () => {
  it('takes names in any script, with accents, apostrophes, the joiners Persian and Indic names use, and emoji', () => {
    // ZWNJ in a Persian surname, ZWJ in a Devanagari conjunct and in emoji sequences.
    for (const name of ['Ada Lovelace', "O'Brien-Núñez", 'Łukasz Żółć', 'محمد علي', 'דוד כהן', '山田 太郎', 'Zoë 🎉', 'حسین\u200Cزاده', 'क्\u200Dष', 'Ada 👩🏽\u200D💻', '👨\u200D👩\u200D👧']) {
      expect(ok(lineText(100), name), name).toBe(true);
    }
  });

  it('refuses invisible format characters in one-line text, saying so', () => {
    // Each would make a second "Admins" that reads exactly like the first; a joiner between Latin letters too.
    for (const v of ['Admins\u200B', 'Ad\uFEFFmins', 'Ad\u2060mins', 'Ad\u200Cmins', 'Ad\u200Dmins', 'Admins\u200E', 'דוד\u200F כהן', 'Ad\u00ADmins', 'x\u061Cy', 'a\u{E0041}']) {
      expect(lineText(100).safeParse(v).error?.issues.map((i) => i.message), JSON.stringify(v)).toEqual(['contains invisible characters (such as a zero-width space)']);
    }
    // A byte-order mark pasted in front is whitespace to trim(), and goes with it.
    expect(lineText(100).parse('\uFEFFAdmins')).toBe('Admins');
    // A text-direction override keeps its own (single) reason.
    expect(lineText(100).safeParse('a\u202Eb').error?.issues.map((i) => i.message)).toEqual(['contains control or text-direction characters']);
  });

  it('normalizes one-line text to NFC, so one name typed two ways is one name', () => {
    const decomposed = 'Cafe\u0301 Zoe\u0308';
    expect(lineText(100).parse(decomposed)).toBe('Caf\u00E9 Zo\u00EB');
    expect(nameField.parse(` ${decomposed} `)).toBe('Café Zoë'.normalize('NFC'));
    // The limit counts the normalized text.
    expect(lineText(4).safeParse('Cafe\u0301').success).toBe(true);
  });

  it('refuses line breaks and tabs in one-line text, but not in a description', () => {
    for (const v of ['Ada\nLovelace', 'Ada\r\nLovelace', 'Ada\tLovelace', 'Ada\u2028Lovelace']) {
      expect(ok(lineText(100), v)).toBe(false);
    }
    expect(ok(multilineText(500), 'First line.\nSecond line.\r\n\tIndented.')).toBe(true);
  });

  it('refuses other control characters and text-direction overrides everywhere', () => {
    // U+202E reverses what follows: "Invoice\u202Efdp.exe" reads as "Invoiceexe.pdf".
    for (const v of ['Invoice\u202Efdp.exe', 'a\u2066b\u2069', 'a\u202Ab', 'bell\u0007', 'esc\u001B[31m', 'c1\u0085', 'del\u007F']) {
      expect(ok(lineText(100), v)).toBe(false);
      expect(ok(multilineText(500), v)).toBe(false);
    }
  });

  it('trims one-line text before looking for line breaks: a pasted name’s trailing newline is no error', () => {
    expect(lineText(100).parse(' Ada Lovelace\n')).toBe('Ada Lovelace');
    expect(lineText(100).parse('\tAda ')).toBe('Ada');
    // So a required name of spaces only is empty, and refused.
    expect(nameField.min(1).safeParse('   ').success).toBe(false);
  });

  it('gives one reason per field: a NUL is not also reported as a control character', () => {
    expect(lineText(100).safeParse('Ada\u0000').error?.issues.map((i) => i.message)).toEqual(['contains characters that are not allowed']);
  });

  it('says which rule a value broke', () => {
    const r = profileDetailsInput.safeParse({ firstName: 'Ada\nx' });
    expect(r.error?.issues[0]).toMatchObject({ path: ['firstName'], message: 'must be on one line' });
  });

  it('leaves passwords alone: any character a password manager produces still signs in', () => {
    expect(ok(passwordField, 'tab\there\u202Eand more')).toBe(true);
  });
});
