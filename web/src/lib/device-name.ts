import type { TFunction } from 'i18next';

/** "Firefox · Linux" for a session, with "unknown" in the reader's language for what the server could not tell. */
export function deviceName(t: TFunction, s: { browser: string | null; os: string | null }): string {
  return `${s.browser ?? t('security.unknownBrowser')} · ${s.os ?? t('security.unknownSystem')}`;
}
