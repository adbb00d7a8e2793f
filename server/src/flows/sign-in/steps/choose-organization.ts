import { AppError } from '../../../errors.ts';
import { organizationStepInput, type SignInStep } from '../../../../../contract/sign-in.ts';
import { findOrgBySlug, findOrgsByIds } from '../../../domain/orgs/org-store.ts';
import type { FlowStep } from '../../engine/run-flow.ts';
import type { FlowDeps } from '../../deps.ts';
import type { SignInState } from '../state.ts';

/** A member of several organizations picks one; the session remembers it. */
export const chooseOrganization: FlowStep<SignInState, FlowDeps, SignInStep> = {
  name: 'organization',
  async check(s, deps) {
    if (s.orgId) return { kind: 'continue' };
    const orgs = await findOrgsByIds(deps.db, s.orgChoices);
    return {
      kind: 'prompt',
      prompt: { step: 'choose_org', email: s.email, portal: s.portal, organizations: orgs.map((o) => ({ slug: o.slug, name: o.name })).sort((a, b) => a.name.localeCompare(b.name)) },
    };
  },
  async submit(state, input, deps) {
    const { slug } = organizationStepInput.parse(input);
    const org = await findOrgBySlug(deps.db, slug);
    if (!org || !state.orgChoices.includes(org.id)) throw new AppError('org.not_found', 'You are not a member of this organization.');
    return { ...state, orgId: org.id };
  },
};
