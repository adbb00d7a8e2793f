import { useState } from 'react';
import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SamlApp } from '../../../../contract/saml-apps.ts';
import { SamlCreatedDialog } from './SamlCreatedDialog.tsx';
import { SamlImportForm } from './SamlImportForm.tsx';
import { SamlManualForm } from './SamlManualForm.tsx';
import { focusNewApp } from './focus-new-app.ts';

/** Creates a SAML service provider from its metadata or by hand, then shows what the SP needs from us. */
export function SamlAppForm() {
  const { t } = useTranslation();
  const [created, setCreated] = useState<SamlApp>();
  return (
    <>
      <Tabs defaultValue="import">
        <Tabs.List mb="md">
          <Tabs.Tab value="import">{t('adminSaml.tabImport')}</Tabs.Tab>
          <Tabs.Tab value="manual">{t('adminSaml.tabManual')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="import">
          <SamlImportForm onCreated={setCreated} />
        </Tabs.Panel>
        <Tabs.Panel value="manual">
          <SamlManualForm onCreated={setCreated} />
        </Tabs.Panel>
      </Tabs>
      {created && <SamlCreatedDialog app={created} onClose={() => (setCreated(undefined), focusNewApp(created.id))} />}
    </>
  );
}
