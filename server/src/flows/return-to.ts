/**
 * A redirect target after sign-in: only a same-origin path survives. Parsing with the URL parser
 * (not a regex) catches `//evil`, `/\evil`, `https:evil` and their encoded forms.
 */
export function safeReturnTo(target: string | undefined, fallback: string): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\\]/.test(target)) return fallback;
  try {
    const base = 'http://tessera.invalid';
    const url = new URL(target, base);
    if (url.origin !== base) return fallback;
    const path = url.pathname + url.search + url.hash;
    return path.startsWith('//') ? fallback : path;
  } catch {
    return fallback;
  }
}
