import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { organizations: { slug: string; name: string }[]; onChoose(slug: string): void };

/** One button per organization, as the reference shows. */
export function OrgChooserStep({ organizations, onChoose }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text fw={600}>{t('login.chooseOrg')}</Text>
      <Text size="sm" c="dimmed">
        {t('login.chooseOrgHelp')}
      </Text>
      {organizations.map((o) => (
        <Button key={o.slug} variant="default" fullWidth onClick={() => onChoose(o.slug)}>
          {o.name}
        </Button>
      ))}
    </Stack>
  );
}
