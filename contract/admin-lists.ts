import { z } from 'zod';
import { searchText } from './fields.ts';
import { listQuery, pageSchema } from './list-query.ts';

/** Queries of the Admin Portal's lists besides users and audit, and their rows; each answers `{ items, nextCursor }` (pageSchema). */
const search = searchText(100).optional();

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
/** A key as the list shows it: its prefix to recognise it, never the key or its hash. */
export const apiKeySchema = z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revoked: z.boolean() });
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeyPageSchema = pageSchema(apiKeySchema);

/** GET /api/admin/mail/outbox — newest first; `status` filters. */
const mailStatus = z.enum(['queued', 'sent', 'logged', 'failed']);
export const outboxSorts = { created: 'time' } as const;
export const listOutboxQuery = listQuery(outboxSorts, { sort: '-created' }, { status: mailStatus.optional() });
export type ListOutboxQuery = z.infer<typeof listOutboxQuery>;
/** Subject, recipient and state only: never the body, which carries link tokens. */
export const outboxMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  status: mailStatus,
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMail = z.infer<typeof outboxMailSchema>;
export const outboxMailPageSchema = pageSchema(outboxMailSchema);
/** GET /api/admin/mail/status — how mail leaves: SMTP, or written to the log. */
export const mailTransportSchema = z.object({ transport: z.enum(['smtp', 'log']), from: z.string() });

/** GET /api/admin/invitations — newest first; `status` filters. */
export const invitationSorts = { created: 'time', email: 'text' } as const;
export const listInvitationsQuery = listQuery(invitationSorts, { sort: '-created', limit: 100 }, { status: z.enum(['pending', 'accepted', 'revoked', 'expired']).optional() });
export type ListInvitationsQuery = z.infer<typeof listInvitationsQuery>;
