export type Cookie = { name: string; value: string; path: string };

/**
 * Cookies as a browser keeps them for one origin: by name and path, sent only under their path,
 * dropped when the server expires or empties them. (The provider's interaction cookies are scoped
 * to their interaction's path; a jar that ignored paths would send the wrong one.)
 */
export class CookieJar {
  private readonly cookies = new Map<string, Cookie>();
  constructor(initial: Cookie[] = []) {
    for (const c of initial) this.cookies.set(`${c.name}\u0000${c.path}`, c);
  }

  /** The Cookie header for a request to `pathname`. */
  header(pathname: string): string {
    return [...this.cookies.values()]
      .filter((c) => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  /** Takes the Set-Cookie lines of a response. */
  store(setCookie: string[]): void {
    for (const line of setCookie) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attrs.find((a) => /^path=/i.test(a))?.slice(5) || '/';
      const expired = attrs.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now()));
      const key = `${name}\u0000${path}`;
      if (expired || value === '') this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path });
    }
  }

  get(name: string): Cookie | undefined {
    return [...this.cookies.values()].find((c) => c.name === name);
  }
}
