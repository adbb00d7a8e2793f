import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Skeleton, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { meApi, meKeys, meQueries } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Section } from '../../components/Section.tsx';
import { StackingTable } from '../../components/StackingTable.tsx';
import { scopesToShow } from '../../sso/sso-targets.ts';

/** The applications this person allowed to see their details, and taking that back. */
export function ConsentsSection() {
  const { t, i18n } = useTranslation();
  const consents = useQuery(meQueries.consents());
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>();

  async function withdraw(appId: string, name: string) {
    if (!window.confirm(t('security.confirmWithdrawConsent', { name }))) return;
    setError(undefined);
    try {
      await meApi.withdrawConsent(appId);
    } catch (err) {
      setError(err);
    }
    await queryClient.invalidateQueries({ queryKey: meKeys.consents() });
  }

  const seen = (scopes: string[]) => {
    const { known, other } = scopesToShow(scopes);
    const all = [...known.map((s) => t(`sso.scope.${s}`)), ...other.map((s) => t('sso.scopeOther', { scope: s }))];
    return all.length ? all.join(' · ') : t('security.consentIdentityOnly');
  };

  return (
    <Section id="security-consents" title={t('security.consents')}>
      <ErrorAlert error={error} />
      {consents.isPending ? <Skeleton h={40} /> : consents.data?.items.length ? (
        <StackingTable minWidth={520}>
          <Table.Tbody>
            {consents.data.items.map((c) => (
              <Table.Tr key={c.appId} data-testid="consent-row">
                <Table.Td><Text fw={500}>{c.name}</Text><Text size="xs" c="dimmed">{t('security.consentGranted', { date: new Date(c.grantedAt).toLocaleDateString(i18n.language) })}</Text></Table.Td>
                <Table.Td><Text size="sm">{seen(c.scopes)}</Text></Table.Td>
                <Table.Td><Button size="xs" variant="light" color="red" onClick={() => withdraw(c.appId, c.name)} aria-label={t('security.withdrawConsent', { name: c.name })}>{t('common.remove')}</Button></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </StackingTable>
      ) : (
        <Text size="sm" c="dimmed">{t('security.noConsents')}</Text>
      )}
    </Section>
  );
}
