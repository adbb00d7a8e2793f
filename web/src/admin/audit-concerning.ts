import type { AuditEventView } from '../../../contract/audit.ts';

export type PolicyChange = { path: string; from: unknown; to: unknown };

/** The settings a `policies.updated` event changed, leaf by leaf ("password.minLength": 12 → 24). */
export function policyChanges(details: Record<string, unknown>): PolicyChange[] {
  const changes: PolicyChange[] = [];
  const walk = (from: unknown, to: unknown, path: string) => {
    if (isRecord(from) && isRecord(to)) {
      for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) walk(from[key], to[key], path ? `${path}.${key}` : key);
    } else if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ path, from, to });
  };
  walk(details.old, details.new, '');
  return changes;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What an audit row is about, as the "Concerning" column says it: the person acted on, the
 * application, group or API key by name, and for a policy change what changed — `label` names a
 * setting as the Policies page does.
 */
export function concerning(e: Pick<AuditEventView, 'event' | 'targetEmail' | 'subjects' | 'details'>, label: (path: string) => string): string {
  const parts = [e.targetEmail, ...e.subjects].filter((p): p is string => Boolean(p));
  if (e.event === 'policies.updated') parts.push(...policyChanges(e.details).map((c) => `${label(c.path)}: ${shown(c.from)} → ${shown(c.to)}`));
  return parts.join(', ');
}

const shown = (v: unknown) => (v === undefined || v === null ? '—' : Array.isArray(v) ? v.join(' ') : String(v));
