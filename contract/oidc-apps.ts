import { z } from 'zod';
import { TEXT_MESSAGES, multilineText, distinctBy, LOOPBACK_HOSTS, nameField } from './fields.ts';
import { appMfaPolicySchema } from './apps.ts';
import { updateOf } from './patch-schema.ts';


/**
 * A redirect URI is matched exactly (RFC 9700 §4.1.3), so it must be a complete, literal URL: no
 * wildcard, no fragment, https — or http on loopback, or a native app's private-use scheme.
 */
const redirectUri = z
  .string()
  .max(2048)
  .refine((s) => {
    if (s.includes('*')) return false;
    try {
      const u = new URL(s);
      if (u.hash || u.username || u.password) return false;
      if (u.protocol === 'https:') return true;
      if (u.protocol === 'http:') return LOOPBACK_HOSTS.has(u.hostname);
      return /^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]+:$/.test(u.protocol); // com.example.app:
    } catch {
      return false;
    }
  }, TEXT_MESSAGES.redirectUri);
const httpsOrLoopback = redirectUri;

export const oidcAppKinds = ['web', 'spa', 'native', 'machine'] as const;
export const oidcGrantTypes = ['authorization_code', 'refresh_token', 'client_credentials'] as const;

/** The OIDC settings of an application, as the admin console edits them. */
export const oidcSettingsInput = z.object({
  /** web: confidential server app; spa / native: public clients (PKCE, no secret); machine: client_credentials only. */
  kind: z.enum(oidcAppKinds),
  redirectUris: z.array(redirectUri).max(20).superRefine(distinctBy(String)).default([]),
  postLogoutRedirectUris: z.array(redirectUri).max(20).superRefine(distinctBy(String)).default([]),
  grantTypes: z.array(z.enum(oidcGrantTypes)).min(1).max(3).optional(),
  /** Where the portal tile sends the person to start a sign-in at the application (OIDC Core §4). */
  // null: none (an update sends null to remove one).
  initiateLoginUri: httpsOrLoopback.nullable().optional(),
  backchannelLogoutUri: httpsOrLoopback.nullable().optional(),
  /** implicit: an application the organization trusts (no consent screen); explicit: ask once per person. */
  consent: z.enum(['implicit', 'explicit']).default('implicit'),
  accessTokenTtlSeconds: z.number().int().min(60).max(86_400).default(3600),
  refreshTokenTtlSeconds: z.number().int().min(300).max(90 * 86_400).default(14 * 86_400),
  tokenEndpointAuthMethod: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
});
export type OidcSettingsInput = z.input<typeof oidcSettingsInput>;

/** POST /api/admin/apps/oidc */
export const createOidcAppInput = oidcSettingsInput.extend({
  name: nameField.min(1),
  description: multilineText(500).default(''),
  details: multilineText(5000).default(''),
  mfaPolicy: appMfaPolicySchema.default({ mode: 'none' }),
});

/** POST /api/admin/apps/oidc/:id */
export const updateOidcAppInput = updateOf(createOidcAppInput);

/** What the console reads back: never the secret, which is shown once at creation and rotation. */
export const oidcAppSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  details: z.string(),
  icon: z.string().nullable(),
  clientId: z.string(),
  hasSecret: z.boolean(),
  settings: oidcSettingsInput.extend({ grantTypes: z.array(z.enum(oidcGrantTypes)) }),
  mfaPolicy: appMfaPolicySchema,
});
export type OidcApp = z.infer<typeof oidcAppSchema>;

export const oidcAppCreatedSchema = oidcAppSchema.extend({ clientSecret: z.string().nullable() });

/** An update's answer: `clientSecret` only when the update made the application confidential (shown this once). */
export const oidcAppUpdatedSchema = oidcAppSchema.extend({ clientSecret: z.string().optional() });

/** POST /api/oidc/interaction/:uid/consent — the person's answer on the consent screen. */
export const consentAnswerInput = z.object({ approve: z.boolean() });
/**
 * POST /api/oidc/interaction/:uid/abort — going back to the application without signing in: from
 * "no access" (the default), or cancelling the extra check an application asked for. Either way the
 * application learns access_denied, and nothing is issued.
 */
export const abortInteractionInput = z.object({ reason: z.enum(['no_access', 'step_up_cancelled']).default('no_access') }).default({ reason: 'no_access' });
/** GET /api/oidc/interaction/:uid/consent */
export const consentQuestionSchema = z.object({ app: z.object({ id: z.string(), name: z.string(), icon: z.string().nullable() }), scopes: z.array(z.string()) });
/**
 * GET /api/oidc/interaction/:uid/outcome — what became of a sign-in request whose page was opened
 * again after it ended: its step still waiting (`continue`, our own interaction path), or completed,
 * with the application's registered launch address (null when it has none).
 */
export const interactionOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('continue'), to: z.string() }),
  z.object({ kind: z.literal('completed'), app: z.object({ id: z.string(), name: z.string(), icon: z.string().nullable(), launchUrl: z.string().nullable() }) }),
]);
