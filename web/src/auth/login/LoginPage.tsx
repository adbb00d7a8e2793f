import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Center, Loader } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SignInStep } from '../../../../contract/sign-in.ts';
import { ApiError } from '../../api/client.ts';
import { sessionQuery } from '../../api/session.ts';
import { signInApi, signInQueries, type Portal } from '../../api/sign-in.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { sameOriginPath } from '../../../../contract/same-origin-path.ts';
import { serverErrorAfterEdit } from '../../forms/server-fields.ts';
import { resumableStep, wasReloadedAt } from './resume-sign-in.ts';
import { EmailStep } from './EmailStep.tsx';
import { PasswordStep } from './PasswordStep.tsx';
import { OrgChooserStep } from './OrgChooserStep.tsx';
import { NewPasswordStep } from './NewPasswordStep.tsx';
import { VerifyIdentityStep } from './VerifyIdentityStep.tsx';
import { LockedStep } from './LockedStep.tsx';
import { MfaSetupStep } from './MfaSetupStep.tsx';
import { RecoveryCodesStep } from './RecoveryCodesStep.tsx';
import { keepRememberedEmailFor } from './remembered-email.ts';

type Props = { portal: Portal };
/** The e-mail step may come back holding the address typed before (Change), to correct rather than retype. */
type Shown = Exclude<SignInStep, { step: 'done' }> | { step: 'email'; email?: string } | { step: 'locked'; email: string };
/** The new-password step's refusal names no field path: it is about the new password, and goes when that is edited. */
const NEW_PASSWORD_REFUSED = { 'password.policy': 'password' };
/** Errors after which the flow is gone: the person starts again from the e-mail. */
const RESTART = new Set(['sign_in.no_flow', 'sign_in.flow_expired', 'sign_in.wrong_step']);

function reloadedHere(): boolean {
  const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return wasReloadedAt(window.location.pathname, entry);
}

/**
 * User Login and Administrator Portal Login. The server runs the flow; this page only draws the
 * step it returns and sends the answer.
 */
/** What other pages may ask User Login to say, by name. */
const NOTICES = { password_changed: 'login.passwordChangedNotice', joined: 'login.joinedNotice' } as const;

export function LoginPage({ portal }: Props) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const returnTo = params.get('returnTo') ?? undefined;
  // The application's login_hint (the server passes on only an address): a suggestion the person can change.
  const hint = params.get('hint')?.slice(0, 254) || undefined;
  // Only known notices are shown: the URL cannot put words of its own on this page.
  const noticeKey = params.get('notice') ?? '';
  const notice = Object.hasOwn(NOTICES, noticeKey) ? t(NOTICES[noticeKey as keyof typeof NOTICES]) : undefined;
  const session = useQuery(sessionQuery);
  const [resume] = useState(reloadedHere);
  const current = useQuery({ ...signInQueries.current(), enabled: resume });
  const [answered, setAnswered] = useState<Shown>();
  const [error, setError] = useState<unknown>();
  const shown: Shown = answered ?? resumableStep(current.data, portal) ?? { step: 'email' };

  // The server marks a sign-in it needs although the browser has a session (prompt=login, another organization).
  const reauth = params.get('reauth') === '1';

  useEffect(() => {
    // Already signed in: on to where the sign-in was for (Back into a finished one lands here), or the portal.
    if (session.data && !reauth) window.location.replace(sameOriginPath(returnTo, portal === 'admin' ? '/admin' : '/'));
  }, [session.data, portal, returnTo, reauth]);

  /** Runs one answer; moves to the next step, or shows the error and maybe starts over. */
  async function answer(call: () => Promise<SignInStep>): Promise<boolean> {
    setError(undefined);
    try {
      const next = await call();
      if (next.step === 'done') {
        keepRememberedEmailFor(next.rememberEmailDays);
        // A full page load, so every request from now on carries the new session cookie.
        window.location.assign(sameOriginPath(next.redirectTo, portal === 'admin' ? '/admin' : '/'));
        return true;
      }
      setAnswered(next);
      return true;
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && RESTART.has(err.code)) setAnswered({ step: 'email' });
      // Locked at "Verify Your Identity": no code can be answered any more, so this sign-in ends here
      // (a reload does not bring the code form back) and the page offers only the ways on.
      if (err instanceof ApiError && err.code === 'sign_in.locked' && shown.step === 'verify_identity') {
        await signInApi.cancel().catch(() => undefined);
        setAnswered({ step: 'locked', email: shown.email });
      }
      return false;
    }
  }

  const restart = async (email?: string) => {
    await signInApi.cancel().catch(() => undefined);
    setError(undefined);
    setAnswered({ step: 'email', email });
  };

  const title = portal === 'admin' ? t('login.adminTitle') : t('login.title');
  const corner = portal === 'admin' ? { to: '/login', label: t('login.toUser') } : { to: '/admin/login', label: t('login.toAdmin') };

  return (
    <AuthCard title={title} corner={corner}>
      {notice && shown.step === 'email' && !error && (
        <Alert color="teal" role="status" variant="light">
          {notice}
        </Alert>
      )}
      <ErrorAlert error={error} />
      {!answered && resume && current.isPending ? (
        <Center>
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : shown.step === 'email' ? (
        <EmailStep key={shown.email ?? ''} portal={portal} initialEmail={shown.email ?? hint} onSubmit={(email) => answer(() => signInApi.start(email, portal, returnTo))} onPasskey={(run) => answer(run)} returnTo={returnTo} />
      ) : shown.step === 'password' ? (
        <PasswordStep email={shown.email} onChange={() => restart(shown.email)} onSubmit={(password) => answer(() => signInApi.password(password))} />
      ) : shown.step === 'choose_org' ? (
        <OrgChooserStep organizations={shown.organizations} onChoose={(slug) => answer(() => signInApi.organization(slug))} />
      ) : shown.step === 'locked' ? (
        <LockedStep email={shown.email} onRestart={() => restart(shown.email)} />
      ) : shown.step === 'verify_identity' ? (
        <VerifyIdentityStep step={shown} answer={answer} onSwitch={() => setError(undefined)} />
      ) : shown.step === 'mfa_setup' ? (
        <MfaSetupStep step={shown} answer={answer} />
      ) : shown.step === 'recovery_codes' ? (
        <RecoveryCodesStep codes={shown.codes} onSaved={() => answer(() => signInApi.recoveryCodesSaved())} />
      ) : (
        <NewPasswordStep step={shown} onSubmit={(password) => answer(() => signInApi.newPassword(password))} serverRules={error instanceof ApiError ? error.rules : undefined} onFieldEdit={(path) => setError((e: unknown) => serverErrorAfterEdit(e, path, NEW_PASSWORD_REFUSED))} />
      )}
    </AuthCard>
  );
}
