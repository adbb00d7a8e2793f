import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Anchor, Badge, Group, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { adminQueries, auditCsvUrl, type AuditFilterValues } from '../api/admin.ts';
import { loadedItems } from '../api/paged-query.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { UserPicker } from './UserPicker.tsx';
import { concerning } from './audit-concerning.ts';
import { AuditEventName } from './AuditEventName.tsx';

/** A `datetime-local` value (the browser's local time) as an ISO instant; blank or unfinished is no bound. */
function instant(local: string): string | undefined {
  const at = local ? new Date(local) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
}

/** The organization's security events, newest first: filters, "Load more", and a CSV export of every matching row. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [event, setEvent] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [actor, setActor] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [debounced] = useDebouncedValue(event.trim(), 300);
  // An empty window is a typing slip, not a question: say so rather than answer "no event".
  const backwards = Boolean(instant(from) && instant(to) && instant(from)! > instant(to)!);
  const filters: AuditFilterValues = {
    event: debounced || undefined,
    outcome: outcome ?? undefined,
    actor: actor ?? undefined,
    target: target ?? undefined,
    from: instant(from),
    to: instant(to),
  };
  const audit = useInfiniteQuery(adminQueries.audit(filters));
  const rows = loadedItems(audit.data);
  return (
    <Stack>
      <Title order={1} size="h2">{t('adminNav.audit')}</Title>
      <Group align="end" role="search" aria-label={t('adminAudit.filters')}>
        <TextInput label={t('adminAudit.event')} description={t('adminAudit.eventHelp')} placeholder="sign_in" value={event} onChange={(e) => setEvent(e.currentTarget.value)} />
        <Select label={t('adminAudit.outcome')} clearable data={[{ value: 'success', label: t('adminAudit.success') }, { value: 'failure', label: t('adminAudit.failure') }]} value={outcome} onChange={setOutcome} />
        <UserPicker label={t('adminAudit.actor')} placeholder={t('adminAudit.byEmail')} value={actor} onChange={setActor} among="auditActors" />
        <UserPicker label={t('adminAudit.target')} placeholder={t('adminAudit.byEmail')} value={target} onChange={setTarget} among="auditTargets" />
        <TextInput type="datetime-local" label={t('adminAudit.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="datetime-local" label={t('adminAudit.to')} value={to} error={backwards ? t('adminAudit.backwards') : undefined} onChange={(e) => setTo(e.currentTarget.value)} />
        <Anchor href={auditCsvUrl(filters)} download>{t('adminAudit.csv')}</Anchor>
      </Group>
      <ErrorAlert error={audit.error} />
      {audit.isPending ? <Skeleton h={200} /> : rows.length === 0 ? <Text c="gray.7">{t('adminAudit.none')}</Text> : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('adminAudit.when')}</Table.Th><Table.Th>{t('adminAudit.event')}</Table.Th><Table.Th>{t('adminAudit.outcome')}</Table.Th><Table.Th>{t('adminAudit.actor')}</Table.Th><Table.Th>{t('adminAudit.target')}</Table.Th><Table.Th>IP</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id} data-testid="audit-row">
                  <Table.Td>{new Date(e.at).toLocaleString(i18n.language)}</Table.Td>
                  <Table.Td><AuditEventName name={e.event} /></Table.Td>
                  <Table.Td><Badge color={e.outcome === 'success' ? 'teal.9' : 'red.9'} variant="filled">{t(`adminAudit.${e.outcome}`)}</Badge></Table.Td>
                  <Table.Td>{e.actorEmail ?? (e.details.by === 'another_organization' ? <Text size="sm" fs="italic">{t('adminAudit.anotherOrganization')}</Text> : '')}</Table.Td>
                  <Table.Td>{concerning(e, (path) => t(`adminPolicies.${path}`, { defaultValue: path }))}</Table.Td>
                  <Table.Td>{e.ip}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore query={audit} shown={rows.length} />
    </Stack>
  );
}
