import { useState } from 'react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Code, Group, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { CopyField } from './apps/CopyField.tsx';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, adminQueries } from '../api/admin.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { serverFieldError } from '../forms/server-fields.ts';
import { LoadMore } from '../components/LoadMore.tsx';
import { loadedItems } from '../api/paged-query.ts';
import { useSingleSubmit } from '../forms/use-single-submit.ts';

/** Organization API keys: the key is shown once, then only its prefix. */
export function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const keys = useInfiniteQuery(adminQueries.apiKeys());
  const list = loadedItems(keys.data);
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [shown, setShown] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.apiKeys() });
  const submit = useSingleSubmit();
  function create(e: React.FormEvent) {
    e.preventDefault();
    void submit.run(async () => {
      setError(undefined);
      try {
        setShown((await adminApi.createApiKey(name)).key);
        setName('');
        await refresh();
      } catch (err) {
        setError(err);
      }
    });
  }
  return (
    <Stack>
      <Title order={1} size="h2">{t('adminNav.apiKeys')}</Title>
      <ErrorAlert error={error} />
      {shown && <Alert color="teal" title={t('adminKeys.once')}><CopyField label={t('adminKeys.newKey')} value={shown} testId="new-api-key" /></Alert>}
      <Group component="form" onSubmit={create} align="end">
        <TextInput label={t('adminKeys.name')} required maxLength={100} error={serverFieldError(error, 'name', t)} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Button type="submit" loading={submit.pending}>{t('adminKeys.create')}</Button>
      </Group>
      {keys.isPending ? <Skeleton h={80} /> : list.length ? (
        <Table>
          <Table.Tbody>
            {list.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td><Code>{k.prefix}…</Code></Table.Td>
                <Table.Td>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString(i18n.language) : t('security.neverUsed')}</Table.Td>
                <Table.Td>{k.revoked ? t('adminKeys.revoked') : <Button size="xs" variant="light" color="red" aria-label={t('adminKeys.revokeFor', { name: k.name })} onClick={() => window.confirm(t('adminKeys.confirmRevoke', { name: k.name })) && adminApi.revokeApiKey(k.id).then(refresh, setError)}>{t('adminUsers.revoke')}</Button>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : <Text size="sm" c="dimmed">{t('adminKeys.none')}</Text>}
      <LoadMore query={keys} shown={list.length} />
    </Stack>
  );
}
