import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ssoApi } from '../api/sso.ts';
import { ownOidcTarget } from './sso-targets.ts';

const INTERACTION = /^[A-Za-z0-9_-]{10,64}$/;

/**
 * Going back to an OpenID Connect application without signing in to it (no access, or an extra
 * check the person does not want to make): the application learns access_denied instead of waiting
 * for an answer that never comes. `uid` is undefined where the page was not reached from such a sign-in.
 */
export function useReturnToApp(reason: 'no_access' | 'step_up_cancelled') {
  const [params] = useSearchParams();
  const interaction = params.get('interaction');
  const uid = interaction && INTERACTION.test(interaction) ? interaction : undefined;
  const back = useMutation({
    mutationFn: (id: string) => ownOidcTarget(ssoApi.abortInteraction(id, reason)),
    onSuccess: (to) => window.location.assign(to),
  });
  return { uid, back };
}
