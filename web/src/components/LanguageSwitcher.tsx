import { Group, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n/index.ts';

export function LanguageSwitcher() {
  const { i18n, t } = useTranslation();
  return (
    <Group gap="xs" aria-label={t('common.language')} role="group">
      {LANGUAGES.map((l) => (
        <Anchor key={l.code} component="button" type="button" size="sm" fw={i18n.language === l.code ? 700 : 400} aria-pressed={i18n.language === l.code} onClick={() => setLanguage(l.code)}>
          {l.label}
        </Anchor>
      ))}
    </Group>
  );
}
