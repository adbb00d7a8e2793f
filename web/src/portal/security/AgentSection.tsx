import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/Section.tsx';

/** The host agent arrives with the directory services; until then this says so (no dead button). */
export function AgentSection() {
  const { t } = useTranslation();
  return (
    <Section id="security-agent" title={t('security.agent')}>
      <Text size="sm">{t('security.agentSoon')}</Text>
    </Section>
  );
}
