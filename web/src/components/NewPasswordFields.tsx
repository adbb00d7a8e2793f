import type { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../../../contract/password-policy.ts';
import { PasswordChecklist } from './PasswordChecklist.tsx';
import { PasswordField } from './PasswordField.tsx';

// @mantine/form 9.7's ESM typings lose their `types` re-export under NodeNext resolution, so derive it.
type InputProps = ReturnType<ReturnType<typeof useForm<Record<string, unknown>>>['getInputProps']>;

type Props = {
  policy: PasswordPolicy;
  /** form.getInputProps('password') */
  password: InputProps;
  /** form.getInputProps('confirm'); no "Confirm password" field without it. */
  confirm?: InputProps;
  /** The label of the first field: "New password" unless told. */
  label?: string;
  /** Rules the server refused (422 password.policy), e.g. common or history. */
  failedOnServer?: string[];
  autoFocus?: boolean;
  /** Whose password it is: the person typing (default), or a member an administrator sets it for. */
  owner?: 'self' | 'member';
};

/** A new password with the organization's requirements ticked live beneath it, and its confirmation. */
export function NewPasswordFields({ policy, password, confirm, label, failedOnServer, autoFocus, owner }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordField label={label ?? t('common.newPassword')} autoComplete="new-password" required autoFocus={autoFocus} {...password} />
      <PasswordChecklist policy={policy} password={String(password.value ?? '')} failedOnServer={failedOnServer} owner={owner} />
      {confirm && <PasswordField label={t('common.confirmPassword')} autoComplete="new-password" required {...confirm} />}
    </>
  );
}
