/** OUTBOUND_ALLOW for tests: their applications and SPs run on loopback, as an intranet would be allowed. */
export const LOOPBACK_NETWORKS = '127.0.0.0/8,::1';
