import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Group, Modal, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { TotpEnrollment } from '../../../../contract/mfa.ts';
import { meApi, meKeys, meQueries } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { StackingTable } from '../../components/StackingTable.tsx';
import { RecoveryCodes } from '../../components/RecoveryCodes.tsx';
import { TotpSetup } from '../../components/TotpSetup.tsx';
import { webauthn } from '../../lib/webauthn.ts';
import { Section } from '../../components/Section.tsx';

/** My factors: authenticator app, security keys and passkeys, recovery codes. */
export function MfaSection() {
  const { t, i18n } = useTranslation();
  const mfa = useQuery(meQueries.mfa());
  const queryClient = useQueryClient();
  const [totp, setTotp] = useState<TotpEnrollment | 'starting' | undefined>();
  const [codes, setCodes] = useState<string[] | undefined>();
  const [keyName, setKeyName] = useState('');
  const [error, setError] = useState<unknown>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: meKeys.all });

  async function run<T>(call: () => Promise<T>): Promise<T | undefined> {
    setError(undefined);
    try {
      return await call();
    } catch (err) {
      setError(err);
      return undefined;
    }
  }

  async function confirmTotp(code: string) {
    const result = await run(() => meApi.confirmTotp(code));
    if (!result) return false;
    setTotp(undefined);
    if (result.recoveryCodes.length) setCodes(result.recoveryCodes);
    notifications.show({ color: 'teal', message: t('totp.active') });
    await refresh();
    return true;
  }

  async function addKey() {
    const result = await run(async () => {
      const { options, challengeId } = await meApi.webauthnOptions();
      return meApi.registerWebauthn(challengeId, keyName.trim() || t('security.defaultKeyName'), await webauthn.register(options));
    });
    if (!result) return;
    setKeyName('');
    if (result.recoveryCodes.length) setCodes(result.recoveryCodes);
    notifications.show({ color: 'teal', message: t('security.keyRegistered') });
    await refresh();
  }

  const hasTotp = mfa.data?.factors.some((f) => f.type === 'totp');
  return (
    <Section id="security-mfa" title={t('security.mfa')}>
      {/* While the set-up dialog is open, its own alert shows what went wrong there, once. */}
      <ErrorAlert error={totp ? mfa.error : (error ?? mfa.error)} />
      {mfa.isPending ? <Skeleton h={60} /> : mfa.data && (
        <>
          {mfa.data.policy.mode === 'required' && <Badge color="orange.9" variant="filled">{t('security.mfaRequired')}</Badge>}
          {mfa.data.factors.length === 0 ? <Text size="sm" c="dimmed">{t('security.noFactors')}</Text> : (
            <StackingTable minWidth={520}>
              <Table.Tbody>
                {mfa.data.factors.map((f) => (
                  <Table.Tr key={f.id} data-testid="factor-row">
                    <Table.Td><Text fw={500}>{f.name}</Text><Text size="xs" c="dimmed">{f.type === 'totp' ? t('security.typeTotp') : f.passkey ? t('security.passkey') : t('security.typeWebauthn')}</Text></Table.Td>
                    <Table.Td><Text size="xs">{t('security.added', { date: new Date(f.createdAt).toLocaleDateString(i18n.language) })}</Text><Text size="xs">{f.lastUsedAt ? t('security.lastUsed', { date: new Date(f.lastUsedAt).toLocaleDateString(i18n.language) }) : t('security.neverUsed')}</Text></Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end">
                        <Button size="xs" variant="subtle" onClick={() => { const name = window.prompt(t('common.rename'), f.name); if (name) void run(() => meApi.renameFactor(f.id, name)).then(refresh); }}>{t('common.rename')}</Button>
                        <Button size="xs" variant="light" color="red" onClick={() => window.confirm(t('security.confirmRemoveFactor', { name: f.name })) && run(() => meApi.removeFactor(f.id)).then(refresh)}>{t('common.remove')}</Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </StackingTable>
          )}
          <Group>
            {!hasTotp && mfa.data.policy.methods.includes('totp') && <Button variant="default" onClick={() => setTotp('starting')}>{t('security.addTotp')}</Button>}
            {mfa.data.factors.length > 0 && <Button variant="default" onClick={() => window.confirm(t('security.confirmNewCodes')) && run(() => meApi.regenerateCodes()).then((r) => r && setCodes(r.recoveryCodes)).then(refresh)}>{t('security.newCodes')}</Button>}
          </Group>
          {mfa.data.factors.length > 0 && <Text size="sm">{t('security.codesLeft', { count: mfa.data.recoveryCodesLeft })}</Text>}
          {mfa.data.policy.methods.includes('webauthn') && <Stack gap="xs" maw={420}>
            <TextInput label={t('security.keyName')} placeholder={t('security.defaultKeyName')} value={keyName} maxLength={100} onChange={(e) => setKeyName(e.currentTarget.value)} />
            <Group><Button variant="default" onClick={addKey}>{t('security.registerKey')}</Button></Group>
          </Stack>}
        </>
      )}
      <Modal opened={Boolean(totp)} onClose={() => setTotp(undefined)} title={t('totp.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {totp && (
          <TotpSetup
            enrollment={totp === 'starting' ? undefined : totp}
            onStart={() => run(() => meApi.startTotp()).then((e) => e && setTotp(e))}
            onConfirm={confirmTotp}
            titled={false}
          />
        )}
        <ErrorAlert error={error} />
      </Modal>
      {/* Shown once: only "I have saved my codes" closes it, not a stray Escape or click beside it. */}
      <Modal opened={Boolean(codes)} onClose={() => undefined} title={t('login.codesTitle')} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false}>
        {codes && <RecoveryCodes codes={codes} onSaved={() => setCodes(undefined)} titled={false} />}
      </Modal>
    </Section>
  );
}
