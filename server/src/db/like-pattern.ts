/** A term for LIKE / ILIKE with its own `%`, `_` and `\` matched literally (no wildcard injection). */
export const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `%term%`, the term matched literally. */
export function containsPattern(term: string): string {
  return `%${escapeLike(term)}%`;
}
