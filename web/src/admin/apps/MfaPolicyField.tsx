import { Group, NumberInput, Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OidcForm } from './oidc-form.ts';

type Props = { form: OidcForm };

/** "Require MFA": never, always, or unless a factor was presented within the last N minutes. */
export function MfaPolicyField({ form }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Radio.Group label={t('adminOidc.mfa')} description={t('adminOidc.mfaHelp')} {...form.getInputProps('mfaPolicy.mode')}>
        <Group mt="xs">
          <Radio value="none" label={t('adminOidc.mfaNone')} />
          <Radio value="mfa" label={t('adminOidc.mfaAlways')} />
          <Radio value="recent" label={t('adminOidc.mfaRecent')} />
        </Group>
      </Radio.Group>
      {form.values.mfaPolicy.mode === 'recent' && (
        <NumberInput label={t('adminOidc.withinMinutes')} min={1} max={1440} allowDecimal={false} w={160} {...form.getInputProps('mfaPolicy.withinMinutes')} />
      )}
    </Stack>
  );
}
