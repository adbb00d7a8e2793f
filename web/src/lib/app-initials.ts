/**
 * What an application without an icon shows: the first letters of its first two words ("Team Wiki"
 * → "TW"), or of a one-word name its first two ("Payroll" → "PA"), upper-cased — letters and digits
 * only, whole characters (an accent or emoji is not split).
 */
export function appInitials(name: string): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const first = (word: string) => [...word][0] ?? '';
  const letters = words.length >= 2 ? first(words[0]) + first(words[1]) : [...(words[0] ?? '')].slice(0, 2).join('');
  return letters.toLocaleUpperCase();
}
