import { useQuery } from '@tanstack/react-query';
import { Button, Group, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { samlAppQueries } from '../../api/saml-apps.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { saveText } from '../../lib/save-text.ts';
import { CopyField } from './CopyField.tsx';
import { idpCertificateFileName } from './saml-form.ts';

/** What the service provider's administrator needs from us: metadata URL, entity ID, SSO and SLO URLs, certificate. */
export function SamlIdpDetails() {
  const { t } = useTranslation();
  const idp = useQuery(samlAppQueries.idp());
  if (idp.isPending) return <Skeleton h={220} />;
  if (idp.isError) return <ErrorAlert error={idp.error} />;
  const { metadataUrl, entityId, ssoUrl, sloUrl, certificate } = idp.data;
  return (
    <Stack gap="sm">
      <Text size="sm">{t('adminSaml.idpHelp')}</Text>
      <CopyField label={t('adminSaml.metadataUrl')} value={metadataUrl} testId="saml-metadata-url" />
      <CopyField label={t('adminSaml.idpEntityId')} value={entityId} />
      <CopyField label={t('adminSaml.ssoUrl')} value={ssoUrl} />
      <CopyField label={t('adminSaml.idpSloUrl')} value={sloUrl} />
      <Textarea label={t('adminSaml.idpCertificate')} value={certificate} readOnly autosize minRows={3} maxRows={8} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }} />
      <Group>
        <Button variant="default" onClick={() => saveText(idpCertificateFileName(entityId), certificate, 'application/x-pem-file')}>
          {t('adminSaml.downloadCertificate')}
        </Button>
      </Group>
    </Stack>
  );
}
