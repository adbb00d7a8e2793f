import { readFileSync } from 'node:fs';

let list: Set<string> | undefined;

const AROUND = /^[\d\W_]+|[\d\W_]+$/g;

/**
 * The forms a guesser tries first: the password itself, and its core without the digits and
 * symbols added around it ("Password1234!" is "password"), or a word typed again and again.
 */
function guessableForms(password: string): string[] {
  const lower = password.toLowerCase();
  const core = lower.replace(AROUND, '');
  const repeated = /^(.{3,}?)\1+$/.exec(core)?.[1];
  return [lower, core, ...(repeated ? [repeated] : [])].filter((f) => f.length >= 4);
}

/** Case-insensitive, and blind to digits and symbols put around a common one: "Dragon2026!" is as guessable as "dragon". */
export function isCommonPassword(password: string): boolean {
  list ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean),
  );
  return guessableForms(password).some((form) => list!.has(form));
}
