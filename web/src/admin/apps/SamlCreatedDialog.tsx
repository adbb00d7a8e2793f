import { Anchor, Button, Group, Modal, Stack } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SamlApp } from '../../../../contract/saml-apps.ts';
import { SamlIdpDetails } from './SamlIdpDetails.tsx';

type Props = { app: SamlApp; onClose(): void };

/** Right after creation: what to configure on the service provider's side. */
export function SamlCreatedDialog({ app, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('adminSaml.createdTitle', { name: app.name })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <SamlIdpDetails />
        <Group justify="space-between">
          <Anchor component={Link} to={`/admin/applications/saml/${app.id}`} size="sm">
            {t('adminSaml.openSettings')}
          </Anchor>
          <Button onClick={onClose}>{t('adminSaml.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
