import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../server/src/config.ts';
import { startTessera, type Running } from '../../server/src/main.ts';
import { createLogger } from '../../server/src/logger.ts';
import { openTestDatabase } from '../../server/test/test-database.ts';
import { startSmtpSink, type ReceivedMail } from '../../server/test/smtp-sink.ts';
import { createOrg, updateOrgPolicies, type Org } from '../../server/src/domain/orgs/org-store.ts';
import { addMembership, createUser } from '../../server/src/domain/users/user-store.ts';
import { hashPassword } from '../../server/src/domain/credentials/password-hash.ts';
import { orgPoliciesSchema } from '../../server/src/domain/policies/org-policies.ts';
import { freePort } from '../../server/test/free-port.ts';
import { LOOPBACK_NETWORKS } from '../../server/test/loopback-networks.ts';

export const PASSWORD = 'correct-Horse-battery-42';

export type E2E = {
  url: string;
  tessera: Running;
  browser: Browser;
  mails: ReceivedMail[];
  waitForMail(to: string, subject: RegExp): Promise<ReceivedMail>;
  newPage(opts?: { bypassCSP?: boolean }): Promise<{ page: Page; context: BrowserContext }>;
  seedOrg(name: string, policies?: Record<string, unknown>): Promise<Org>;
  seedUser(input: { email: string; orgs: Org[]; role?: 'member' | 'admin'; firstName?: string; lastName?: string; password?: string }): Promise<{ id: string }>;
  close(): Promise<void>;
};


/**
 * A whole Tessera for one journey file: its own database (PGlite, or a fresh PostgreSQL database
 * when DATABASE_URL is set), a real SMTP server on loopback, and headless Chromium. The page origin
 * is `localhost` (browsers refuse WebAuthn on IP origins).
 */
export async function startE2E(): Promise<E2E> {
  const smtp = await startSmtpSink();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-e2e-'));
  const testDb = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: `http://localhost:${port}`,
    DATA_DIR: dataDir,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Tessera <id@tessera.test>',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    OUTBOUND_ALLOW: LOOPBACK_NETWORKS,
    ...(testDb?.url ? { DATABASE_URL: testDb.url } : {}),
  });
  const tessera = await startTessera(config, { logger: createLogger(config.logLevel, false), printSetupLink: false });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const db = tessera.database.db;
  return {
    url: config.publicUrl,
    tessera,
    browser,
    mails: smtp.mails,
    waitForMail: (to, subject) => smtp.waitFor((m) => m.to.includes(to) && subject.test(m.subject), 15_000),
    async newPage(opts = {}) {
      const context = await browser.newContext({ locale: 'en-US', ...opts });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return { page, context };
    },
    async seedOrg(name, policies = {}) {
      const org = await createOrg(db, { name });
      if (Object.keys(policies).length) await updateOrgPolicies(db, org.id, orgPoliciesSchema.parse(policies));
      return org;
    },
    async seedUser(input) {
      const user = await createUser(db, { email: input.email, firstName: input.firstName ?? 'Ada', lastName: input.lastName ?? 'Lovelace', passwordHash: await hashPassword(input.password ?? PASSWORD), emailVerified: true });
      for (const org of input.orgs) await addMembership(db, { orgId: org.id, userId: user.id, role: input.role ?? 'member' });
      return user;
    },
    async close() {
      await browser.close();
      await tessera.stop();
      await smtp.close();
      if (testDb) await testDb.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The link of that path in a received mail, e.g. "/invite#token=…". */
export function linkIn(mail: ReceivedMail, pathName: string): string {
  const match = new RegExp(`https?://[^\\s]+${pathName}#token=[A-Za-z0-9_-]+`).exec(mail.text);
  if (!match) throw new Error(`no ${pathName} link in mail "${mail.subject}"`);
  return match[0];
}
