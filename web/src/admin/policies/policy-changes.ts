import type { OrgPoliciesPatch } from '../../../../contract/org-policies.ts';
import type { Policies } from '../../api/admin.ts';

/**
 * Only the fields this administrator changed since the form was filled: saving the whole form
 * would put back, unseen, whatever another administrator saved in the meantime (an MFA
 * requirement switched off by someone who only touched the minimum length).
 */
export function policyChanges(before: Policies, after: Policies): OrgPoliciesPatch {
  const changes: Record<string, Record<string, unknown>> = {};
  for (const section of Object.keys(after) as (keyof Policies)[]) {
    const was = before[section] as Record<string, unknown>;
    for (const [key, value] of Object.entries(after[section])) {
      if (JSON.stringify(value) !== JSON.stringify(was?.[key])) (changes[section] ??= {})[key] = value;
    }
  }
  return changes as OrgPoliciesPatch;
}
