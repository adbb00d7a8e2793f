/** An API error as the server sends it: the UI keys its text off `code`, never off `message`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly rules?: string[];
  readonly fields?: { path: string; message: string; check?: string }[];
  constructor(status: number, body: { code?: string; message?: string; rules?: string[]; fields?: { path: string; message: string; check?: string }[] } | undefined) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? (status >= 500 ? 'internal' : 'request.invalid');
    this.rules = body?.rules;
    this.fields = body?.fields;
  }
}

const sessionLostListeners = new Set<() => void>();

/**
 * Called when a request finds the sign-in gone (ended elsewhere, expired): the app re-reads the
 * session, and the pages that need one send the person to sign in, then back.
 */
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: method === 'GET' ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  if (res.status === 204) return undefined as T;
  // A 202 may carry a body (who a test e-mail went to, the invitation a creation became) or none.
  const data = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = new ApiError(res.status, data?.error);
    // The session query itself answers "nobody" with this code: that is its answer, not a loss.
    if (error.code === 'auth.required' && url !== '/api/session') for (const listener of sessionLostListeners) listener();
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body),
  delete: <T>(url: string, body?: unknown) => request<T>('DELETE', url, body),
};
