import { List, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { checkPasswordRules, type PasswordPolicy } from '../../../contract/password-policy.ts';

type Props = { policy: PasswordPolicy; password: string; failedOnServer?: string[] };

/** The organization's requirements, ticked live as the person types (the same rules the server enforces). */
export function PasswordChecklist({ policy, password, failedOnServer = [] }: Props) {
  const { t } = useTranslation();
  const rules = checkPasswordRules(policy, password);
  const serverOk = !failedOnServer.some((r) => r === 'common' || r === 'history');
  return (
    <List spacing={4} size="sm" aria-live="polite" listStyleType="none">
      {rules.map((r) => (
        <List.Item key={r.rule} data-testid={`rule-${r.rule}`} data-ok={String(r.ok)} icon={<Mark ok={r.ok} />}>
          <Text size="sm" c={r.ok ? 'teal.8' : 'dimmed'}>
            {t(`rules.${r.rule}`, { min: r.min })}
            <span className="visually-hidden">{r.ok ? ' ✓' : ''}</span>
          </Text>
        </List.Item>
      ))}
      <List.Item data-testid="rule-server" data-ok={String(serverOk)} icon={<Mark ok={serverOk && password.length > 0} />}>
        <Text size="sm" c={serverOk ? 'dimmed' : 'red.7'}>
          {failedOnServer.includes('common') ? t('rules.common') : failedOnServer.includes('history') ? t('rules.history') : t('rules.server')}
        </Text>
      </List.Item>
    </List>
  );
}

function Mark({ ok }: { ok: boolean }) {
  return (
    <ThemeIcon size={18} radius="xl" color={ok ? 'teal' : 'gray'} variant={ok ? 'filled' : 'light'} aria-hidden>
      <span style={{ fontSize: 11 }}>{ok ? '✓' : '•'}</span>
    </ThemeIcon>
  );
}
