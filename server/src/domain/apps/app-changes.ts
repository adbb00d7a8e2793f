/**
 * Changes to applications, for the caches that hold them (the OIDC client cache). The database
 * announces every committed change to every process (migration 0014, channel below); the process
 * that makes a change also says so at once, so its own next request never sees the old settings.
 * `null` means "anything may have changed".
 */
export const APP_CHANGED_CHANNEL = 'tessera_app_changed';

type Listener = (appId: string | null) => void;
const listeners = new Set<Listener>();

export function onAppChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function announceAppChanged(appId: string | null): void {
  for (const listener of listeners) listener(appId);
}
