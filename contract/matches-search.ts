// The portal's application search: the same in the page and behind GET /api/me/apps?q=.

/** Text as a search compares it: lower case, accents and other combining marks left out ("Équipe" → "equipe"). */
export const foldForSearch = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Whether one of `texts` holds what was typed, whatever its case and accents; an empty search matches all. */
export function matchesSearch(typed: string, ...texts: string[]): boolean {
  const wanted = foldForSearch(typed.trim());
  return texts.some((text) => foldForSearch(text).includes(wanted));
}
