import { z } from 'zod';
import { listQuery } from './list-query.ts';

/** Queries of the Admin Portal's lists besides users and audit; each answers `{ items, nextCursor }`. */
const search = z.string().trim().max(100).optional();

/** GET /api/admin/groups — `q` searches the name. */
export const groupSorts = { name: 'text', created: 'time' } as const;
export const listGroupsQuery = listQuery(groupSorts, { sort: 'name' }, { q: search });
export type ListGroupsQuery = z.infer<typeof listGroupsQuery>;

/** GET /api/admin/groups/:id/members — `q` searches e-mail and name. */
export const groupMemberSorts = { email: 'text', name: 'text' } as const;
export const listGroupMembersQuery = listQuery(groupMemberSorts, { sort: 'email' }, { q: search });
export type ListGroupMembersQuery = z.infer<typeof listGroupMembersQuery>;

/** GET /api/admin/apps — newest first by default; `q` searches the name, `type` filters. */
export const appSorts = { name: 'text', created: 'time' } as const;
export const listAppsQuery = listQuery(appSorts, { sort: '-created' }, { q: search, type: z.enum(['bookmark', 'oidc', 'saml']).optional() });
export type ListAppsQuery = z.infer<typeof listAppsQuery>;

/** GET /api/admin/api-keys — newest first by default. */
export const apiKeySorts = { created: 'time', name: 'text' } as const;
export const listApiKeysQuery = listQuery(apiKeySorts, { sort: '-created' });
export type ListApiKeysQuery = z.infer<typeof listApiKeysQuery>;

/** GET /api/admin/mail/outbox — newest first; `status` filters. */
export const outboxSorts = { created: 'time' } as const;
export const listOutboxQuery = listQuery(outboxSorts, { sort: '-created' }, { status: z.enum(['queued', 'sent', 'logged', 'failed']).optional() });
export type ListOutboxQuery = z.infer<typeof listOutboxQuery>;

/** GET /api/admin/invitations — newest first; `status` filters. */
export const invitationSorts = { created: 'time', email: 'text' } as const;
export const listInvitationsQuery = listQuery(invitationSorts, { sort: '-created', limit: 100 }, { status: z.enum(['pending', 'accepted', 'revoked', 'expired']).optional() });
export type ListInvitationsQuery = z.infer<typeof listInvitationsQuery>;
