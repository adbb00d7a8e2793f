import { Checkbox, Group, NumberInput, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { oidcAppKinds } from '../../../../contract/oidc-apps.ts';
import { grantsByKind, isConfidentialKind, signsPeopleIn, type OidcForm, type OidcKind } from './oidc-form.ts';
import { MfaPolicyField } from './MfaPolicyField.tsx';
import { UriListField } from './UriListField.tsx';

type Props = { form: OidcForm };

const kindKeys: Record<OidcKind, string> = { web: 'Web', spa: 'Spa', native: 'Native', machine: 'Machine' };

/** The protocol settings of an OIDC application, shared by the create form and the settings page. */
export function OidcSettingsFields({ form }: Props) {
  const { t } = useTranslation();
  const kind = form.values.kind;
  const chooseKind = (value: string) => {
    const next = value as OidcKind;
    form.setFieldValue('kind', next);
    form.setFieldValue('grantTypes', grantsByKind[next].initial);
    if (signsPeopleIn(next) && form.values.redirectUris.length === 0) form.setFieldValue('redirectUris', ['']);
  };
  return (
    <Stack>
      <Radio.Group label={t('adminOidc.kind')} value={kind} onChange={chooseKind} required>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
          {oidcAppKinds.map((k) => (
            <Radio key={k} value={k} label={t(`adminOidc.kind${kindKeys[k]}`)} description={t(`adminOidc.kind${kindKeys[k]}Help`)} />
          ))}
        </SimpleGrid>
      </Radio.Group>
      {signsPeopleIn(kind) && (
        <>
          <UriListField form={form} path="redirectUris" label={t('adminOidc.redirectUris')} itemLabel={t('adminOidc.redirectUri')} required />
          <TextInput label={t('adminOidc.initiateLoginUri')} description={t('adminOidc.initiateLoginUriHelp')} type="url" {...form.getInputProps('initiateLoginUri')} />
        </>
      )}
      <Checkbox.Group label={t('adminOidc.grantTypes')} {...form.getInputProps('grantTypes')}>
        <Group mt="xs">
          {grantsByKind[kind].allowed.map((g) => (
            <Checkbox key={g} value={g} label={t(`adminOidc.grant_${g}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      {signsPeopleIn(kind) && (
        <Radio.Group label={t('adminOidc.consent')} {...form.getInputProps('consent')}>
          <Stack mt="xs" gap="xs">
            <Radio value="implicit" label={t('adminOidc.consentImplicit')} />
            <Radio value="explicit" label={t('adminOidc.consentExplicit')} />
          </Stack>
        </Radio.Group>
      )}
      {signsPeopleIn(kind) && <MfaPolicyField form={form} />}
      {signsPeopleIn(kind) && (
        <>
          <UriListField form={form} path="postLogoutRedirectUris" label={t('adminOidc.postLogoutRedirectUris')} itemLabel={t('adminOidc.postLogoutRedirectUri')} />
          <TextInput label={t('adminOidc.backchannelLogoutUri')} description={t('adminOidc.backchannelLogoutUriHelp')} type="url" {...form.getInputProps('backchannelLogoutUri')} />
        </>
      )}
      <Text fw={600} size="sm" mt="sm">
        {t('adminOidc.advanced')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <LifetimeField form={form} path="accessTokenTtlSeconds" label={t('adminOidc.accessTokenTtl')} min={60} max={86_400} />
        <LifetimeField form={form} path="refreshTokenTtlSeconds" label={t('adminOidc.refreshTokenTtl')} min={300} max={90 * 86_400} />
        {isConfidentialKind(kind) && (
          <Select
            label={t('adminOidc.tokenEndpointAuthMethod')}
            allowDeselect={false}
            data={[
              { value: 'client_secret_basic', label: t('adminOidc.authBasic') },
              { value: 'client_secret_post', label: t('adminOidc.authPost') },
            ]}
            {...form.getInputProps('tokenEndpointAuthMethod')}
          />
        )}
      </SimpleGrid>
    </Stack>
  );
}

type LifetimeProps = { form: OidcForm; path: 'accessTokenTtlSeconds' | 'refreshTokenTtlSeconds'; label: string; min: number; max: number };

/**
 * A token lifetime in seconds, kept as typed: Mantine's clamping on blur turned 999999999 into the
 * maximum unseen (QA). Out of range, empty or fractional, the field says the range and the form is not sent.
 */
function LifetimeField({ form, path, label, min, max }: LifetimeProps) {
  const { t } = useTranslation();
  const input = form.getInputProps(path);
  return <NumberInput label={label} min={min} max={max} clampBehavior="none" allowDecimal={false} {...input} error={input.error ? t('validation.between', { min, max }) : undefined} />;
}
