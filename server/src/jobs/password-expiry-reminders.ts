import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { Logger } from '../logger.ts';
import { memberships, orgs, passwordReminders, users } from '../db/schema/index.ts';
import { parseOrgPolicies } from '../domain/policies/org-policies.ts';
import { strictestPasswordPolicy, type PasswordPolicy } from '../../../contract/password-policy.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { Language } from '../../../contract/language.ts';

const DAY = 86_400_000;

/** Which reminder is due now: the smallest configured threshold not below the days left, or 0 on the day. */
export function dueThreshold(daysLeft: number, reminderDays: number[]): number | undefined {
  if (daysLeft <= 0) return 0;
  const candidates = reminderDays.filter((d) => d >= daysLeft);
  return candidates.length ? Math.min(...candidates) : undefined;
}

/**
 * Mails each user whose password expires within a configured threshold, once per threshold and
 * password. The reminder row's primary key decides who sends: with several processes racing, the
 * insert succeeds once, and the mail is queued in that same transaction.
 */
export async function sendPasswordExpiryReminders(db: Db, publicUrl: string, now = new Date()): Promise<number> {
  let sent = 0;
  for (const u of await listCandidates(db)) {
    const policy = strictestPasswordPolicy(u.policies);
    if (policy.maxAgeDays === 0 || !u.changedAt) continue;
    // Whole days left: under 24 hours is "today" (0), 24 to 48 hours is "1 day".
    const daysLeft = Math.floor((u.changedAt.getTime() + policy.maxAgeDays * DAY - now.getTime()) / DAY);
    if (daysLeft < 0) continue;
    const threshold = dueThreshold(daysLeft, policy.reminderDays);
    if (threshold === undefined) continue;
    const won = await db.transaction(async (tx) => {
      const rows = await tx
        .insert(passwordReminders)
        .values({ userId: u.id, thresholdDays: threshold, passwordChangedAt: u.changedAt! })
        .onConflictDoNothing()
        .returning({ userId: passwordReminders.userId });
      if (rows.length === 0) return false;
      await enqueueMail(tx, { to: u.email, template: 'password_expiring', lang: u.language, vars: { days: Math.max(daysLeft, 0), url: `${publicUrl}/security` } });
      return true;
    });
    if (won) sent++;
  }
  return sent;
}

/**
 * Active people with a password and at least one unsuspended membership, each with the password
 * policies of all their organizations (the strictest applies to the shared password) — one read
 * for everyone, not one per person: on the embedded database every query holds the only connection.
 */
async function listCandidates(db: Db) {
  const rows = await db
    .select({ id: users.id, email: users.email, language: users.language, changedAt: users.passwordChangedAt, policies: orgs.policies, suspendedAt: memberships.suspendedAt })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(and(eq(users.status, 'active'), isNotNull(users.passwordChangedAt)));
  const byUser = new Map<string, { id: string; email: string; language: Language | null; changedAt: Date | null; policies: PasswordPolicy[]; active: boolean }>();
  for (const r of rows) {
    const u = byUser.get(r.id) ?? { id: r.id, email: r.email, language: r.language, changedAt: r.changedAt, policies: [], active: false };
    u.policies.push(parseOrgPolicies(r.policies).password);
    u.active ||= r.suspendedAt === null;
    byUser.set(r.id, u);
  }
  return [...byUser.values()].filter((u) => u.active);
}

export function startPasswordExpiryReminders(db: Db, publicUrl: string, logger: Logger, mailQueued: () => void, intervalMs = 60 * 60_000): { stop(): void } {
  const run = async () => {
    try {
      if ((await sendPasswordExpiryReminders(db, publicUrl)) > 0) mailQueued();
    } catch (err) {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'password expiry reminders failed');
    }
  };
  const first = setTimeout(() => void run(), 10_000);
  first.unref();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => (clearTimeout(first), clearInterval(timer)) };
}
