import { pgTable, uuid, text, timestamp, integer, bigint, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users.ts';
import { sessions } from './auth.ts';

/** A user's second factors: authenticator apps (TOTP) and WebAuthn authenticators (keys, passkeys). */
export const mfaFactors = pgTable(
  'mfa_factors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    type: text('type', { enum: ['totp', 'webauthn'] }).notNull(),
    name: text('name').notNull(),
    /** null until the first correct code (TOTP) — an unconfirmed factor never signs anyone in. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /**
     * An unconfirmed authenticator app belongs to the portal session that started it: no other
     * session (nor a sign-in, which keeps its own in the flow) may show or confirm its secret.
     */
    setupSessionId: uuid('setup_session_id').references(() => sessions.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    /** TOTP: the secret sealed with the master key (AES-256-GCM); never returned after set-up. */
    totpSecretSealed: text('totp_secret_sealed'),
    /** TOTP: the last 30-second step accepted; older or equal steps are replays. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    /** WebAuthn: base64url credential id, public key (COSE, base64url), signature counter. */
    credentialId: text('credential_id'),
    publicKey: text('public_key'),
    signCount: bigint('sign_count', { mode: 'number' }),
    transports: text('transports').array(),
    discoverable: boolean('discoverable'),
  },
  (t) => [index('mfa_factors_user').on(t.userId), uniqueIndex('mfa_factors_credential').on(t.credentialId)],
);

/** Single-use codes that stand in for any factor once; stored as SHA-256 hashes. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash').on(t.userId, t.codeHash)],
);
