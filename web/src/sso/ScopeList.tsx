import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { scopesToShow } from './sso-targets.ts';

type Props = { appName: string; scopes: string[] };

/** What the application asks to see, one plain sentence per scope. */
export function ScopeList({ appName, scopes }: Props) {
  const { t } = useTranslation();
  const { known, other } = scopesToShow(scopes);
  if (known.length === 0 && other.length === 0) return <Text>{t('sso.consentIdentity', { name: appName })}</Text>;
  return (
    <>
      <Text>{t('sso.consentAsks', { name: appName })}</Text>
      <List spacing="xs" aria-label={t('sso.consentAsks', { name: appName })} data-testid="consent-scopes">
        {known.map((s) => (
          <List.Item key={s}>{t(`sso.scope.${s}`)}</List.Item>
        ))}
        {other.map((s) => (
          <List.Item key={s}>{t('sso.scopeOther', { scope: s })}</List.Item>
        ))}
      </List>
    </>
  );
}
