/** An API error as the server sends it: the UI keys its text off `code`, never off `message`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly rules?: string[];
  readonly fields?: { path: string; message: string }[];
  constructor(status: number, body: { code?: string; message?: string; rules?: string[]; fields?: { path: string; message: string }[] } | undefined) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? (status >= 500 ? 'internal' : 'request.invalid');
    this.rules = body?.rules;
    this.fields = body?.fields;
  }
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
  if (!res.ok) throw new ApiError(res.status, data?.error);
  return data as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body),
  delete: <T>(url: string, body?: unknown) => request<T>('DELETE', url, body),
};
