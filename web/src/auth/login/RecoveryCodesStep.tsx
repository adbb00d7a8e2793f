import { RecoveryCodes } from '../../components/RecoveryCodes.tsx';

type Props = { codes: string[]; onSaved(): void };

export function RecoveryCodesStep({ codes, onSaved }: Props) {
  return <RecoveryCodes codes={codes} onSaved={onSaved} />;
}
