import { Button, CopyButton, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { label: string; value: string; testId?: string };

/** A read-only value an administrator pastes into the application's configuration, with a copy button. */
export function CopyField({ label, value, testId }: Props) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label}
      value={value}
      readOnly
      data-testid={testId}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      onFocus={(e) => e.currentTarget.select()}
      rightSectionWidth={90}
      rightSection={
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant={copied ? 'light' : 'default'} color={copied ? 'teal' : undefined} onClick={copy} aria-label={`${copied ? t('common.copied') : t('common.copy')}: ${label}`}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      }
    />
  );
}
