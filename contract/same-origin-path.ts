/**
 * A redirect target after sign-in, step-up or an invitation: only a same-origin path survives, on
 * the server (which builds the answer) and in the page (which follows it). The URL parser decides,
 * not a prefix check: it catches `//evil`, `/\evil`, `https:evil`, encoded forms, and the tabs and
 * newlines it silently drops (`/\t/evil` would become `//evil`).
 */
export function sameOriginPath(target: string | null | undefined, fallback = '/'): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
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
