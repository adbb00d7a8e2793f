import { createTestApp, type TestApp } from './harness.ts';
import { freePort } from './free-port.ts';
import { CookieJar } from './cookie-jar.ts';

/** The real app listening on loopback, for protocol peers (openid-client, node-saml) that speak real HTTP. */
export async function createListeningTestApp(env: Record<string, string> = {}): Promise<TestApp & { url: string }> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const t = await createTestApp({ PUBLIC_URL: url, ...env });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { ...t, url };
}

/**
 * A browser over real HTTP: a cookie jar honouring paths, manual redirects, and the Origin header
 * a page of `origin` would send with its JSON requests.
 */
export class HttpBrowser {
  private readonly jar = new CookieJar();
  readonly origin: string;
  constructor(origin: string) {
    this.origin = origin;
  }

  /** A cookie the page's own script sets (document.cookie), e.g. the portal's language. */
  setCookie(line: string): void {
    this.jar.store([line]);
  }

  async fetch(target: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const url = new URL(target, this.origin);
    const headers = new Headers(init.headers);
    const cookie = this.jar.header(url.pathname);
    if (cookie) headers.set('cookie', cookie);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      headers.set('origin', this.origin);
      body = JSON.stringify(init.json);
    }
    const res = await fetch(url, { ...init, headers, body, redirect: 'manual' });
    this.jar.store(res.headers.getSetCookie());
    return res;
  }

  /** Follows redirects while they stay on `origin`; returns the first response that leaves it or is not a redirect. */
  async follow(target: string, max = 15): Promise<{ res: Response; url: string }> {
    let url = new URL(target, this.origin).href;
    for (let i = 0; i < max; i++) {
      const res = await this.fetch(url);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url };
      url = new URL(location, url).href;
      if (new URL(url).origin !== this.origin) return { res, url };
    }
    throw new Error(`too many redirects from ${target}`);
  }

  /** User Login through the real API, as the page does it. */
  async signIn(email: string, password: string, returnTo?: string): Promise<{ redirectTo?: string; step: string }> {
    const start = await this.fetch('/api/auth/sign-in', { method: 'POST', json: { email, portal: 'user', ...(returnTo ? { returnTo } : {}) } });
    if (start.status !== 200) throw new Error(`sign-in start: ${start.status} ${await start.text()}`);
    const res = await this.fetch('/api/auth/sign-in/password', { method: 'POST', json: { password } });
    return (await res.json()) as { redirectTo?: string; step: string };
  }
}
