const KEY = 'tessera.rememberedEmail';
const DAY_MS = 86_400_000;

type Stored = { email: string; until: number | null };
type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

function read(storage: Storage): Stored | undefined {
  const raw = storage.getItem(KEY);
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Stored;
    if (typeof v.email === 'string' && (v.until === null || typeof v.until === 'number')) return v;
  } catch {
    // An address stored by an earlier version: plain text, kept until the next sign-in sets a term.
    return { email: raw, until: null };
  }
  return undefined;
}

/**
 * "Remember me": the e-mail address only (never a password), on this browser, for as long as the
 * organization's policy says once the sign-in completes ("“Remember me” duration").
 */
export function rememberedEmail(storage: Storage = localStorage, now = Date.now()): string {
  const v = read(storage);
  if (v && v.until !== null && v.until <= now) {
    storage.removeItem(KEY);
    return '';
  }
  return v?.email ?? '';
}

/** At the Email step: remember the address (until the sign-in tells how long), or forget it. */
export function setRememberedEmail(email: string | null, storage: Storage = localStorage): void {
  if (email === null) return storage.removeItem(KEY);
  // The same address keeps the term it has; another starts without one.
  const before = read(storage);
  storage.setItem(KEY, JSON.stringify({ email, until: before?.email === email ? before.until : null }));
}

/** Once signed in: keep a remembered address for the organization's number of days (0: not at all). */
export function keepRememberedEmailFor(days: number, storage: Storage = localStorage, now = Date.now()): void {
  const v = read(storage);
  if (!v) return;
  if (days <= 0) storage.removeItem(KEY);
  else storage.setItem(KEY, JSON.stringify({ email: v.email, until: now + days * DAY_MS }));
}
