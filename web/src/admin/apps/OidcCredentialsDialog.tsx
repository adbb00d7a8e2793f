import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { issuerOf } from '../../api/oidc-apps.ts';
import { CopyField } from './CopyField.tsx';

type Props = { title: string; clientId: string; clientSecret: string | null; onClose(): void };

/**
 * What the relying party needs, right after creation or rotation. The secret is in this dialog
 * only: the server keeps its hash, so closing the dialog loses it for good.
 */
export function OidcCredentialsDialog({ title, clientId, clientSecret, onClose }: Props) {
  const { t } = useTranslation();
  const { issuer, discovery } = issuerOf(window.location.origin);
  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeOnClickOutside={false} closeOnEscape={false} withCloseButton={false}>
      <Stack>
        <CopyField label={t('adminOidc.clientId')} value={clientId} testId="client-id" />
        {clientSecret ? (
          <>
            <CopyField label={t('adminOidc.clientSecret')} value={clientSecret} testId="client-secret" />
            <Alert color="orange" variant="light" role="status">
              {t('adminOidc.secretOnce')}
            </Alert>
          </>
        ) : (
          <Text size="sm">{t('adminOidc.publicClient')}</Text>
        )}
        <CopyField label={t('adminOidc.issuer')} value={issuer} />
        <CopyField label={t('adminOidc.discovery')} value={discovery} />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('adminOidc.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
