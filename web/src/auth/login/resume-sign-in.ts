import type { SignInStep } from '../../../../contract/sign-in.ts';

type NavigationEntry = { type: string; name: string };

/**
 * A reload of the login page resumes the flow in progress (the server keeps it in its cookie); any
 * other arrival starts from the e-mail, so a half-finished flow never surprises the next visitor.
 */
export function wasReloadedAt(path: string, entry: NavigationEntry | undefined): boolean {
  if (entry?.type !== 'reload') return false;
  try {
    return new URL(entry.name).pathname === path;
  } catch {
    return false;
  }
}

/** The step to show again after a reload: only one of this portal's, and never a finished flow. */
export function resumableStep(step: SignInStep | undefined, portal: 'user' | 'admin'): Exclude<SignInStep, { step: 'done' }> | undefined {
  if (!step || step.step === 'done' || step.portal !== portal) return undefined;
  return step;
}
