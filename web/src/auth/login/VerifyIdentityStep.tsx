import { useTranslation } from 'react-i18next';
import type { SignInStep } from '../../../../contract/sign-in.ts';
import { signInApi } from '../../api/sign-in.ts';
import { SecondFactorForm } from '../../components/SecondFactorForm.tsx';
import { webauthn } from '../../lib/webauthn.ts';

type Props = { step: Extract<SignInStep, { step: 'verify_identity' }>; answer(call: () => Promise<SignInStep>): Promise<boolean>; onSwitch(): void };

/** "Verify Your Identity" in the sign-in flow: each answer goes to the flow, which says what comes next. */
export function VerifyIdentityStep({ step, answer, onSwitch }: Props) {
  const { t } = useTranslation();
  return (
    <SecondFactorForm
      methods={step.methods}
      lastUsed={step.lastUsed}
      heading={t('login.verifyTitle')}
      onSwitch={onSwitch}
      onCode={(method, code) => answer(() => signInApi.verify({ method, code }))}
      onSecurityKey={() => answer(async () => signInApi.verify({ method: 'webauthn', response: await webauthn.authenticate(await signInApi.webauthnOptions()) }))}
    />
  );
}
