import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OidcApp } from '../../../../contract/oidc-apps.ts';
import { oidcAppKeys, oidcAppsApi } from '../../api/oidc-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OidcCredentialsDialog } from './OidcCredentialsDialog.tsx';

type Props = { app: OidcApp };

/** "Rotate secret": asks first (the old secret dies at once), then shows the new one once. */
export function OidcSecretCard({ app }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<string>();
  const rotate = useMutation({
    mutationFn: () => oidcAppsApi.rotateSecret(app.id),
    onSuccess: async ({ clientSecret }) => {
      setConfirming(false);
      setSecret(clientSecret);
      await queryClient.invalidateQueries({ queryKey: oidcAppKeys.detail(app.id) });
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="oidc-secret">
      <Stack gap="sm">
        <Title order={2} size="h4" id="oidc-secret">
          {t('adminOidc.secretTitle')}
        </Title>
        <Text size="sm">{app.hasSecret ? t('adminOidc.secretSet') : t('adminOidc.secretMissing')}</Text>
        <ErrorAlert error={rotate.error} />
        <Group>
          <Button variant="default" color="red" onClick={() => setConfirming(true)}>
            {t('adminOidc.rotate')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('adminOidc.rotate')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack>
          <Text size="sm">{t('adminOidc.rotateWarning')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => rotate.mutate()} loading={rotate.isPending}>
              {t('adminOidc.rotateConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {secret && <OidcCredentialsDialog title={t('adminOidc.rotatedTitle')} clientId={app.clientId} clientSecret={secret} onClose={() => setSecret(undefined)} />}
    </Card>
  );
}
