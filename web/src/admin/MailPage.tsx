import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { OutboxMail, mailTransportSchema } from '../../../contract/admin-lists.ts';
import { api } from '../api/client.ts';
import { loadedItems, pagedQuery } from '../api/paged-query.ts';
import { LoadMore } from '../components/LoadMore.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { BrandingCard } from './BrandingCard.tsx';
import { notifyError } from '../components/notify-error.ts';

const keys = { status: ['admin', 'mail', 'status'] as const, outbox: ['admin', 'mail', 'outbox'] as const };
const colors = { queued: 'blue.9', sent: 'teal.9', logged: 'gray.7', failed: 'red.9' } as const;

/** How mail leaves, a test mail, the organization's branding (its mails and sign-in pages wear it), and the outbox with retry. */
export function MailPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: keys.status, queryFn: () => api.get<z.infer<typeof mailTransportSchema>>('/api/admin/mail/status') });
  const outbox = useInfiniteQuery({ ...pagedQuery<OutboxMail>(keys.outbox, '/api/admin/mail/outbox', { limit: 50 }), refetchInterval: 5000 });
  const mails = loadedItems(outbox.data);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.outbox });
  async function test() {
    try {
      const { to } = await api.post<{ to: string }>('/api/admin/mail/test');
      notifications.show({ color: 'teal', message: t('adminMail.testSent', { to }) });
      await refresh();
    } catch (err) {
      notifyError(err);
    }
  }
  const retry = (id: string) => api.post(`/api/admin/mail/outbox/${id}/retry`).then(refresh, notifyError);
  return (
    <Stack>
      <Title order={1} size="h2">{t('adminNav.mail')}</Title>
      <ErrorAlert error={status.error ?? outbox.error} />
      <Card withBorder>
        {status.data ? (
          <Group justify="space-between">
            <Text>{status.data.transport === 'smtp' ? t('adminMail.smtp', { from: status.data.from }) : t('adminMail.log')}</Text>
            <Button variant="default" onClick={test}>{t('adminMail.test')}</Button>
          </Group>
        ) : <Skeleton h={30} />}
      </Card>
      <BrandingCard />
      <Title order={2} size="h4" id="outbox-title">{t('adminMail.outbox')}</Title>
      {outbox.isPending ? <Skeleton h={120} /> : mails.length ? (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-labelledby="outbox-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('adminMail.column.when')}</Table.Th>
                <Table.Th>{t('adminMail.column.to')}</Table.Th>
                <Table.Th>{t('adminMail.column.subject')}</Table.Th>
                <Table.Th>{t('adminMail.column.state')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mails.map((m) => (
                <Table.Tr key={m.id} data-testid="mail-row">
                  <Table.Td>{new Date(m.createdAt).toLocaleString(i18n.language)}</Table.Td>
                  <Table.Td>{m.to}</Table.Td>
                  <Table.Td>{m.subject}</Table.Td>
                  <Table.Td><Badge color={colors[m.status]} variant="filled">{t(`adminMail.status.${m.status}`)}</Badge>{m.lastError && <Text size="xs" c="red.8">{m.lastError}</Text>}</Table.Td>
                  <Table.Td>{m.status === 'failed' && <Button size="xs" variant="default" onClick={() => retry(m.id)}>{t('adminMail.retry')}</Button>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : <Text size="sm" c="dimmed">{t('adminMail.empty')}</Text>}
      <LoadMore query={outbox} shown={mails.length} />
    </Stack>
  );
}
