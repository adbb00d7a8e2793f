import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PasswordSection } from './PasswordSection.tsx';
import { MfaSection } from './MfaSection.tsx';
import { SshKeysSection } from './SshKeysSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import { AgentSection } from './AgentSection.tsx';
import { ConsentsSection } from './ConsentsSection.tsx';
import { ContinueToApp } from './ContinueToApp.tsx';

/** Password, Multi-Factor Authentication, SSH Keys, Sessions and devices, Applications you allowed, Agent. */
export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h2">{t('portal.security')}</Title>
      <ContinueToApp />
      <PasswordSection />
      <MfaSection />
      <SshKeysSection />
      <SessionsSection />
      <ConsentsSection />
      <AgentSection />
    </Stack>
  );
}
