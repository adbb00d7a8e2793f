/**
 * Where to go after the server says "done": its redirectTo is a same-origin path, and anything else
 * (an absolute URL, a protocol-relative `//host` or `/\host`) is refused so a tampered answer can
 * never send the person off-site.
 */
export function sameOriginPath(target: string | null | undefined, fallback = '/'): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  return target;
}
