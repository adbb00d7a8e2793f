import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, jsonb, primaryKey, index, boolean } from 'drizzle-orm/pg-core';
import { orgs } from './orgs.ts';
import { users } from './users.ts';
import { apps } from './apps.ts';

/**
 * oidc-provider's models (Session, Interaction, AuthorizationCode, AccessToken, RefreshToken,
 * Grant, …), one row each, so any number of Tessera processes serve one issuer.
 */
export const oidcPayloads = pgTable(
  'oidc_payloads',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    /** The person a session, grant or token belongs to: a password reset revokes all of theirs. */
    accountId: text('account_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  // Partial: most rows (access tokens, client-credentials tokens) have no uid, user code or grant,
  // and every grant writes such rows; an index they are not in costs them nothing to insert.
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('oidc_payloads_grant').on(t.grantId).where(sql`${t.grantId} is not null`),
    // With the model: a session is looked up by uid (model 'Session'); on uid alone the planner, short of
    // statistics, combined it with the primary key's model prefix and scanned every session.
    index('oidc_payloads_model_uid').on(t.model, t.uid).where(sql`${t.uid} is not null`),
    index('oidc_payloads_user_code').on(t.userCode).where(sql`${t.userCode} is not null`),
    index('oidc_payloads_account').on(t.accountId).where(sql`${t.accountId} is not null`),
    index('oidc_payloads_expires').on(t.expiresAt),
  ],
);

/**
 * Signing keys: the instance's OIDC keys (org_id null) and each organization's SAML key and
 * certificate. Private halves sealed with the master key; retired keys stay published until the
 * tokens they signed have expired.
 */
export const signingKeys = pgTable(
  'signing_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').references(() => orgs.id, { onDelete: 'cascade' }),
    use: text('use', { enum: ['oidc', 'saml'] }).notNull(),
    alg: text('alg').notNull(),
    kid: text('kid').notNull().unique(),
    /** Public half: a JWK for OIDC. */
    publicJwk: jsonb('public_jwk'),
    /** Public half: a PEM X.509 certificate for SAML. */
    certificate: text('certificate'),
    privateSealed: text('private_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [index('signing_keys_use').on(t.use, t.orgId)],
);

/** Consent a person gave a third-party OIDC application, remembered per user and application. */
export const appConsents = pgTable(
  'app_consents',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
    scopes: text('scopes').array().notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.appId] })],
);

/**
 * AuthnRequest IDs seen by the SAML IdP: a replayed request (same ID) is refused by the primary
 * key, and a response's InResponseTo must name a request recorded here for that application.
 */
export const samlRequests = pgTable(
  'saml_requests',
  {
    appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
    requestId: text('request_id').notNull(),
    /** Where the SP asked the response to go (already checked against its registered ACS URLs). */
    acsUrl: text('acs_url').notNull(),
    relayState: text('relay_state'),
    /** ForceAuthn="true": only a sign-in made after `createdAt` answers it (SAML core §3.4.1). */
    forceAuthn: boolean('force_authn').notNull().default(false),
    /** Its RequestedAuthnContext asked for MFA: answered only once the session has a second factor. */
    requireMfa: boolean('require_mfa').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.appId, t.requestId] }), index('saml_requests_expires').on(t.expiresAt)],
);

/**
 * The SAML applications a Tessera session has signed the person into: when the session ends, each
 * of them is sent a LogoutRequest (IdP-initiated single logout) — through the browser on a portal
 * Log out, or over the back channel (SOAP) to those that take it, whichever door ended the session.
 */
export const samlSessionApps = pgTable(
  'saml_session_apps',
  {
    /**
     * No foreign key: a row outlives its session until the back channel has told the application
     * (protocols/saml/back-channel-logout.ts claims the rows whose session is gone).
     */
    sessionId: uuid('session_id').notNull(),
    /** Whose sign-in it was: the LogoutRequest names them after the session row is gone. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.appId] })],
);
