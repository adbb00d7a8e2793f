import { afterPaint } from '../../forms/focus-first-invalid.ts';

/** The id of an application's settings link in the list (AppRow), to give it the focus. */
export const appLinkId = (appId: string) => `app-link-${appId}`;

/**
 * Once its "is ready" dialog is closed, the focus goes to the new application's row (its settings
 * link), else to the create form's first field: left to the dialog, it dropped to the page's body,
 * the button that opened it being gone or disabled meanwhile, and the keyboard started over at the top.
 */
export function focusNewApp(appId: string): void {
  afterPaint(() => (document.getElementById(appLinkId(appId)) ?? document.querySelector<HTMLElement>('[aria-labelledby="new-app"] input:not([type=hidden])'))?.focus());
}
