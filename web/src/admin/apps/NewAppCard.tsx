import { useState } from 'react';
import { Card, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { newAppTypes } from './app-types.ts';

/** "New application": the type chooser, then that type's form. */
export function NewAppCard() {
  const { t } = useTranslation();
  const [type, setType] = useState(newAppTypes[0].value);
  const chosen = newAppTypes.find((x) => x.value === type) ?? newAppTypes[0];
  return (
    <Card withBorder component="section" aria-labelledby="new-app">
      <Stack>
        <Title order={2} size="h4" id="new-app">
          {t(chosen.titleKey)}
        </Title>
        <Stack gap={4}>
          <Text component="span" size="sm" fw={500} id="new-app-type">
            {t('adminApps.type')}
          </Text>
          <SegmentedControl
            aria-labelledby="new-app-type"
            value={type}
            onChange={setType}
            data={newAppTypes.map((x) => ({ value: x.value, label: t(x.labelKey) }))}
            w="fit-content"
          />
        </Stack>
        <chosen.Form key={chosen.value} />
      </Stack>
    </Card>
  );
}
