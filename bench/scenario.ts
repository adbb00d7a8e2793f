import type { Argon2Params } from '../server/src/domain/credentials/password-hash.ts';

/** Ours (OWASP) and Keycloak 26's default, measured side by side. */
export const PARAMS = {
  ours: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
  keycloak: { memoryCost: 7168, timeCost: 5, parallelism: 1 },
} satisfies Record<string, Argon2Params>;
export type ParamsName = keyof typeof PARAMS;

export const PASSWORD = 'bench-Password-2026!';
export const USERS = 200;
/** Keycloak 26 sizing guide: password logins per vCPU per second (argon2id m=7168 t=5). */
export const KEYCLOAK_LOGINS_PER_VCPU = 15;
/** S8: members in one organization for the admin user search. */
export const SEARCH_MEMBERS = 100_000;
/** S8 target: p99 of a search page of 50 at or under this many milliseconds. */
export const SEARCH_P99_LIMIT_MS = 100;
/** Keycloak 26 sizing guide: client-credentials grants and refresh-token grants per vCPU per second. */
export const KEYCLOAK_GRANTS_PER_VCPU = 120;
/** S2/S3 target: at least this many times Keycloak's figure per server CPU-second. */
export const GRANT_TARGET_FACTOR = 8;
/** S3: distinct grants (refresh tokens) prepared before the measured window; fewer under --quick. */
export const REFRESH_GRANTS = 1000;
export const REFRESH_GRANTS_QUICK = 100;
/** The web application's redirect URI in S2b/S3 (never fetched: the load generator stops at it). */
export const OIDC_CALLBACK = 'https://rp.example/callback';
