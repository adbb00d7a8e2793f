import { MfaPolicyField } from './MfaPolicyField.tsx';
import type { OidcForm } from './oidc-form.ts';
import type { SamlForm } from './saml-form.ts';

type Props = { form: SamlForm };

/**
 * "Require MFA" for a SAML application. MfaPolicyField is typed to the OIDC form but reads and
 * writes only `mfaPolicy`, which both forms hold with the same shape.
 * TODO: drop this adapter once MfaPolicyField takes any form with an `mfaPolicy`.
 */
export function SamlMfaField({ form }: Props) {
  return <MfaPolicyField form={form as unknown as OidcForm} />;
}
