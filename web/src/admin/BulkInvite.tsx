import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { adminKeys } from '../api/admin.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { errorText } from '../i18n/index.ts';
import { serverFieldKey } from '../forms/server-fields.ts';

type Row = { row: number; email: string; ok: boolean; replacedEarlier?: boolean; code?: string; message?: string; fields?: { path: string; check: string; message: string }[] };
type Report = { invited: number; failed: number; rows: Row[] };

// The file's columns as the help text names them.
const COLUMN_LABELS: Record<string, string> = { email: 'common.email', firstName: 'setup.firstName', lastName: 'setup.lastName', role: 'adminUsers.role', username: 'profile.field.username' };

/** A row's problem in the reader's language: the code's sentence, or for a malformed row each column and what is wrong with it. */
function rowProblem(r: Row, t: (key: string) => string): string | undefined {
  if (r.fields?.length) return r.fields.map((f) => `${COLUMN_LABELS[f.path] ? t(COLUMN_LABELS[f.path]) : f.path}: ${t(serverFieldKey(f))}`).join(' ');
  return r.code && r.code !== 'request.invalid' && r.code !== 'internal' ? errorText(r.code) : r.message;
}

/** A CSV of people to invite (email, first name, last name, role, username), with a report per row. */
export function BulkInvite() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | undefined>();
  const [error, setError] = useState<unknown>();
  async function send() {
    if (!file) return;
    setError(undefined);
    try {
      setReport(await api.post<Report>('/api/admin/invitations/bulk', { csv: await file.text() }));
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Card withBorder component="section" aria-labelledby="bulk-title">
      <Stack>
        <Title order={2} size="h4" id="bulk-title">{t('adminUsers.bulk')}</Title>
        <Text size="sm" c="dimmed">{t('adminUsers.bulkHelp')}</Text>
        <ErrorAlert error={error} />
        <Group align="end">
          <FileInput label={t('adminUsers.csvFile')} accept=".csv,text/csv" value={file} onChange={setFile} clearable w={280} />
          <Button onClick={send} disabled={!file}>{t('adminUsers.sendInvites')}</Button>
        </Group>
        {report && (
          <>
            <Text size="sm">{t('adminUsers.bulkResult', { invited: t('adminUsers.bulkInvited', { count: report.invited }), notInvited: t('adminUsers.bulkNotInvited', { count: report.failed }) })}</Text>
            <Table>
              <Table.Tbody>
                {report.rows.map((r) => (
                  <Table.Tr key={r.row} data-testid="bulk-row">
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td>{r.email}</Table.Td>
                    <Table.Td>{r.ok ? <Badge color="teal.9">{t(r.replacedEarlier ? 'adminUsers.bulkAgain' : 'adminUsers.bulkOk')}</Badge> : <Text size="sm" c="red.8">{rowProblem(r, t)}</Text>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Card>
  );
}
