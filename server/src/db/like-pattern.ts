/** `%term%` for LIKE / ILIKE with the term's own `%`, `_` and `\` matched literally (no wildcard injection). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
