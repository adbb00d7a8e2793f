import { ZodError } from 'zod';

/** The catalog of stable error codes. The web app keys its text off these, never off `message`. */
export const errorCodes = {
  'request.invalid': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.cross_origin': 403,
  'request.rate_limited': 429,
  'auth.required': 401,
  'auth.forbidden': 403,
  'auth.not_admin': 403,
  'sign_in.invalid_credentials': 401,
  'sign_in.locked': 423,
  'sign_in.no_flow': 409,
  'sign_in.wrong_step': 409,
  'sign_in.flow_expired': 410,
  'sign_in.no_organization': 403,
  'password.policy': 422,
  'password.mismatch': 422,
  'password.current_invalid': 401,
  'session.not_found': 404,
  'profile.read_only': 403,
  'ssh_key.invalid': 422,
  'ssh_key.duplicate': 409,
  'ssh_key.not_found': 404,
  'app.not_found': 404,
  'app.not_assigned': 403,
  'app.no_address': 409,
  'app.invalid': 422,
  'app.wrong_type': 409,
  'app.name_taken': 409,
  'sso.interaction_not_found': 404,
  'sso.access_denied': 403,
  'sso.step_up_required': 403,
  'group.not_found': 404,
  'group.name_taken': 409,
  'api_key.name_taken': 409,
  'admin.last_admin': 409,
  'mail.not_found': 404,
  'token.invalid': 400,
  'recovery_email.same_as_account': 422,
  'invitation.email_mismatch': 403,
  'invitation.account_exists': 409,
  'invitation.duplicate_row': 409,
  'setup.already_done': 409,
  'org.not_found': 404,
  'org.slug_taken': 409,
  'user.not_found': 404,
  'user.already_member': 409,
  'user.shared_account': 409,
  'user.username_taken': 409,
  'user.email_invalid': 400,
  'auth.reauthenticate': 403,
  'sign_in.passwordless_disabled': 403,
  'mfa.already_enrolled': 409,
  'mfa.no_pending_setup': 409,
  'mfa.code_invalid': 401,
  'mfa.webauthn_failed': 400,
  'mfa.factor_not_found': 404,
  'mfa.last_factor_required': 409,
  'mfa.challenge_missing': 409,
  'mfa.method_not_allowed': 403,
  'mfa.reset_shared_account': 409,
  'mfa.reset_self': 409,
  'saml.request_invalid': 400,
  'saml.unknown_sp': 400,
  'saml.acs_url_not_registered': 400,
  'saml.signature_invalid': 400,
  'saml.request_replayed': 409,
  'saml.request_expired': 410,
  'saml.entity_id_taken': 409,
  'saml.metadata_invalid': 422,
  'outbound.refused': 422,
  'outbound.failed': 422,
  'internal': 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** The one error type. `message` is safe to show any client; `cause` is for logs only. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { status?: number; cause?: unknown; details?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? errorCodes[code];
    this.details = options.details;
  }
}

export function assertFound<T>(value: T | null | undefined, code: ErrorCode, message: string): T {
  if (value === null || value === undefined) throw new AppError(code, message);
  return value;
}

/**
 * A refusal of one field that only the server can check (a certificate parsed with node:crypto),
 * answered like the schema's own field refusals: 400 request.invalid naming the field, so the form
 * marks it where the person typed it.
 */
export function fieldRefusal(path: string, message: string): ZodError {
  return new ZodError([{ code: 'custom', path: path.split('.'), message, input: undefined }]);
}
