import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** A term for LIKE / ILIKE with its own `%`, `_` and `\` matched literally (no wildcard injection). */
export const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `%term%`, the term matched literally. */
export function containsPattern(term: string): string {
  return `%${escapeLike(term)}%`;
}

/**
 * Whether `text` holds `term` whatever its case and accents ("eloise" finds "Éloïse"): both folded by
 * migration 0031's tessera_fold, which the member search's trigram indexes hold, so write `text` as an
 * index has it to be served by it.
 */
export function foldedContains(text: SQLWrapper, term: string): SQL {
  return sql`tessera_fold(${text}) like tessera_fold(${containsPattern(term)})`;
}
