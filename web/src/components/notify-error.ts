import { notifications } from '@mantine/notifications';
import { describeError } from './describe-error.ts';

/**
 * A failed request reported where the person is looking, for actions started far from any alert's
 * place on the page (a row's menu at the foot of a long list, the account menu). It stays until closed:
 * a refusal read only half-way should not vanish.
 */
export function notifyError(error: unknown): void {
  const { text, detail } = describeError(error);
  notifications.show({ color: 'red', message: detail ? `${text} ${detail}` : text, autoClose: false });
}
