import type { Dashboard } from '../../../contract/apps.ts';

/** The number a dashboard action's sentence is about, so that its words agree with it ("1 day", "2 days"). */
export function actionCount(action: Dashboard['actions'][number]): number | undefined {
  switch (action.kind) {
    case 'password_expiring':
      return action.days;
    case 'mfa_required_soon':
      return action.signInsLeft;
    case 'recovery_codes_low':
      return action.left;
    default:
      return undefined;
  }
}
