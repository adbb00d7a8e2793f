import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Badge, Group, Select, Skeleton, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { adminQueries } from '../api/admin.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

/** The organization's security events, newest first, with filters and a CSV export. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [event, setEvent] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(event.trim(), 300);
  const filters = `${debounced ? `&event=${encodeURIComponent(debounced)}` : ''}${outcome ? `&outcome=${outcome}` : ''}`;
  const audit = useQuery(adminQueries.audit(filters));
  return (
    <Stack>
      <Title order={1} size="h2">{t('adminNav.audit')}</Title>
      <Group align="end">
        <TextInput label={t('adminAudit.event')} placeholder="sign_in" value={event} onChange={(e) => setEvent(e.currentTarget.value)} />
        <Select label={t('adminAudit.outcome')} clearable data={[{ value: 'success', label: t('adminAudit.success') }, { value: 'failure', label: t('adminAudit.failure') }]} value={outcome} onChange={setOutcome} />
        <Anchor href={`/api/admin/audit.csv?limit=500${filters}`} download>{t('adminAudit.csv')}</Anchor>
      </Group>
      <ErrorAlert error={audit.error} />
      {audit.isPending ? <Skeleton h={200} /> : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('adminAudit.when')}</Table.Th><Table.Th>{t('adminAudit.event')}</Table.Th><Table.Th>{t('adminAudit.outcome')}</Table.Th><Table.Th>IP</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {audit.data?.items.map((e) => (
                <Table.Tr key={e.id} data-testid="audit-row">
                  <Table.Td>{new Date(e.at).toLocaleString(i18n.language)}</Table.Td>
                  <Table.Td>{e.event}</Table.Td>
                  <Table.Td><Badge color={e.outcome === 'success' ? 'teal.9' : 'red.9'} variant="filled">{t(`adminAudit.${e.outcome}`)}</Badge></Table.Td>
                  <Table.Td>{e.ip}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
