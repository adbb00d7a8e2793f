import { useEffect, useState } from 'react';
import { List, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { checkPasswordRules, type PasswordPolicy } from '../../../contract/password-policy.ts';

const NONE: string[] = [];

/** `owner`: "member" when an administrator sets a member's password, so the lines say "the person's", not "your". */
type Props = { policy: PasswordPolicy; password: string; failedOnServer?: string[]; owner?: 'self' | 'member' };

/**
 * The organization's requirements, ticked live as the person types (the same rules the server
 * enforces). Whether a password names the account, is common or was used before only the server knows, when the form
 * is sent: that line is never ticked ahead of it, and its refusal holds for the password refused only.
 */
export function PasswordChecklist({ policy, password, failedOnServer = NONE, owner = 'self' }: Props) {
  const { t } = useTranslation();
  const rules = checkPasswordRules(policy, password);
  // The password the server's latest refusal was about (each refusal is a new array; the password is
  // read as it was then, not followed): once it is edited, that refusal no longer applies.
  const [refused, setRefused] = useState<string>();
  useEffect(() => setRefused(failedOnServer.length > 0 ? password : undefined), [failedOnServer]);
  const failed = refused === password ? failedOnServer : [];
  const serverRule = (['identity', 'common', 'history'] as const).find((rule) => failed.includes(rule));
  const serverFailure = serverRule && t(owner === 'member' && serverRule === 'identity' ? 'rules.memberIdentity' : `rules.${serverRule}`);
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
      <List.Item data-testid="rule-server" data-failed={String(serverFailure !== undefined)} icon={<Mark ok={false} />}>
        <Text size="sm" c={serverFailure ? 'red.7' : 'dimmed'}>
          {serverFailure ?? t(owner === 'member' ? 'rules.memberServer' : 'rules.server')}
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
