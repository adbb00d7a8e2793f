import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SignInStep } from '../../../../contract/sign-in.ts';
import { ApiError } from '../../api/client.ts';
import { sessionQuery } from '../../api/session.ts';
import { signInApi, type Portal } from '../../api/sign-in.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { EmailStep } from './EmailStep.tsx';
import { PasswordStep } from './PasswordStep.tsx';
import { OrgChooserStep } from './OrgChooserStep.tsx';
import { NewPasswordStep } from './NewPasswordStep.tsx';
import { VerifyIdentityStep } from './VerifyIdentityStep.tsx';
import { MfaSetupStep } from './MfaSetupStep.tsx';
import { RecoveryCodesStep } from './RecoveryCodesStep.tsx';

type Props = { portal: Portal };
type Shown = SignInStep | { step: 'email' };
/** Errors after which the flow is gone: the person starts again from the e-mail. */
const RESTART = new Set(['sign_in.no_flow', 'sign_in.flow_expired', 'sign_in.wrong_step']);

/**
 * User Login and Administrator Portal Login. The server runs the flow; this page only draws the
 * step it returns and sends the answer.
 */
export function LoginPage({ portal }: Props) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const returnTo = params.get('returnTo') ?? undefined;
  const session = useQuery(sessionQuery);
  // Every visit starts with the e-mail; a flow left half-way is replaced by the next one.
  const [shown, setShown] = useState<Shown>({ step: 'email' });
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (session.data && !returnTo) window.location.replace(portal === 'admin' ? '/admin' : '/');
  }, [session.data, portal, returnTo]);

  /** Runs one answer; moves to the next step, or shows the error and maybe starts over. */
  async function answer(call: () => Promise<SignInStep>): Promise<boolean> {
    setError(undefined);
    try {
      const next = await call();
      if (next.step === 'done') {
        window.location.assign(next.redirectTo);
        return true;
      }
      setShown(next);
      return true;
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && RESTART.has(err.code)) setShown({ step: 'email' });
      return false;
    }
  }

  const restart = async () => {
    await signInApi.cancel().catch(() => undefined);
    setError(undefined);
    setShown({ step: 'email' });
  };

  const title = portal === 'admin' ? t('login.adminTitle') : t('login.title');
  const corner = portal === 'admin' ? { to: '/login', label: t('login.toUser') } : { to: '/admin/login', label: t('login.toAdmin') };

  return (
    <AuthCard title={title} corner={corner}>
      <ErrorAlert error={error} />
      {shown.step === 'email' ? (
        <EmailStep portal={portal} onSubmit={(email) => answer(() => signInApi.start(email, portal, returnTo))} onPasskey={(run) => answer(run)} returnTo={returnTo} />
      ) : shown.step === 'password' ? (
        <PasswordStep email={shown.email} onChange={restart} onSubmit={(password) => answer(() => signInApi.password(password))} />
      ) : shown.step === 'choose_org' ? (
        <OrgChooserStep organizations={shown.organizations} onChoose={(slug) => answer(() => signInApi.organization(slug))} />
      ) : shown.step === 'verify_identity' ? (
        <VerifyIdentityStep step={shown} answer={answer} />
      ) : shown.step === 'mfa_setup' ? (
        <MfaSetupStep step={shown} answer={answer} />
      ) : shown.step === 'recovery_codes' ? (
        <RecoveryCodesStep codes={shown.codes} onSaved={() => answer(() => signInApi.recoveryCodesSaved())} />
      ) : shown.step === 'change_password' ? (
        <NewPasswordStep step={shown} onSubmit={(password) => answer(() => signInApi.newPassword(password))} serverRules={error instanceof ApiError ? error.rules : undefined} />
      ) : null}
    </AuthCard>
  );
}
