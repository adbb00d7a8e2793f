import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Code, FileButton, Group, Skeleton, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describe-error.ts';
import { meApi, meKeys, meQueries } from '../../api/me.ts';
import { saveText } from '../../lib/save-text.ts';
import { Section } from '../../components/Section.tsx';
import { StackingTable } from '../../components/StackingTable.tsx';
import { generateSshKey } from './generate-ssh-key.ts';

/** Add (paste or upload), generate in the browser, list with SHA256 fingerprints, remove. */
export function SshKeysSection() {
  const { t, i18n } = useTranslation();
  const keys = useQuery(meQueries.sshKeys());
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [error, setError] = useState<string | undefined>();

  // What the server said of a key no longer holds once the key is changed.
  const changeKey = (key: string) => {
    setPublicKey(key);
    setError(undefined);
  };

  async function add(keyName: string, key: string) {
    setError(undefined);
    try {
      await meApi.addSshKey(keyName, key);
      setName('');
      setPublicKey('');
      await queryClient.invalidateQueries({ queryKey: meKeys.all });
      notifications.show({ color: 'teal', message: t('security.keyAdded') });
      return true;
    } catch (err) {
      // The server explains exactly what is wrong with a malformed key, after the sentence in the reader's language.
      const { text, detail } = describeError(err);
      setError(detail ? `${text} ${detail}` : text);
      return false;
    }
  }

  async function generate() {
    const keyName = name.trim() || t('security.generatedKeyName');
    const pair = await generateSshKey(keyName.replace(/\s+/g, '-'));
    if (await add(keyName, pair.publicKey)) saveText('id_ed25519', pair.privateKey, 'application/octet-stream');
  }

  const remove = async (id: string) => {
    await meApi.removeSshKey(id);
    await queryClient.invalidateQueries({ queryKey: meKeys.all });
  };

  return (
    <Section id="security-ssh" title={t('security.sshKeys')}>
      {keys.isPending ? <Skeleton h={60} /> : keys.data?.items.length ? (
        <StackingTable minWidth={560}>
          <Table.Tbody>
            {keys.data.items.map((k) => (
              <Table.Tr key={k.id} data-testid="ssh-key-row">
                <Table.Td><Text fw={500}>{k.name}</Text><Text size="xs" c="dimmed">{new Date(k.createdAt).toLocaleDateString(i18n.language)}</Text></Table.Td>
                <Table.Td><Code data-testid="ssh-fingerprint">{k.bits} {k.fingerprint} {k.comment || t('security.noComment')} ({k.type})</Code></Table.Td>
                <Table.Td><Button size="xs" variant="light" color="red" onClick={() => window.confirm(t('security.confirmRemoveKey', { name: k.name })) && remove(k.id)} aria-label={t('security.removeKey', { name: k.name })}>{t('common.remove')}</Button></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </StackingTable>
      ) : <Text size="sm" c="dimmed">{t('security.noKeys')}</Text>}
      <Stack component="form" onSubmit={(e) => { e.preventDefault(); void add(name, publicKey); }} maw={640}>
        <TextInput label={t('security.keyName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Textarea label={t('security.publicKey')} placeholder="ssh-ed25519 AAAA… you@laptop" autosize minRows={2} value={publicKey} onChange={(e) => changeKey(e.currentTarget.value)} error={error} />
        <Group>
          <Button type="submit" disabled={!name.trim() || !publicKey.trim()}>{t('security.addKey')}</Button>
          <FileButton onChange={(f) => f?.text().then(changeKey)} accept=".pub,text/plain">
            {(props) => <Button variant="default" {...props}>{t('security.uploadKey')}</Button>}
          </FileButton>
          <Button variant="default" onClick={generate}>{t('security.generateKey')}</Button>
        </Group>
        <Text size="xs" c="dimmed">{t('security.generateHelp')}</Text>
      </Stack>
    </Section>
  );
}
