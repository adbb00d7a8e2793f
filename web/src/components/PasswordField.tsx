import type { ComponentProps } from 'react';
import { PasswordInput } from '@mantine/core';
import { useUncontrolled } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

type Props = ComponentProps<typeof PasswordInput>;

/**
 * Every password input of the app: Mantine's PasswordInput, whose show/hide button is reachable by
 * Tab (Mantine takes it out of the Tab order) and says what it does next in the reader's language
 * (Mantine's name is a fixed English "Toggle password visibility").
 */
export function PasswordField({ visible, defaultVisible, onVisibilityChange, visibilityToggleButtonProps, ...props }: Props) {
  const { t } = useTranslation();
  const [shown, setShown] = useUncontrolled({ value: visible, defaultValue: defaultVisible, finalValue: false, onChange: onVisibilityChange });
  return (
    <PasswordInput
      {...props}
      visible={shown}
      onVisibilityChange={setShown}
      visibilityToggleFocusable
      visibilityToggleButtonProps={{
        'aria-label': t(shown ? 'common.hidePassword' : 'common.showPassword'),
        // The name already says the state; "Hide password, pressed" would say it twice, and contradict itself.
        'aria-pressed': undefined,
        ...visibilityToggleButtonProps,
      }}
    />
  );
}
