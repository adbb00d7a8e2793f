import { eq, sql, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/open.ts';
import { orgs } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { parseOrgPolicies, type OrgPolicies } from '../policies/org-policies.ts';
import { brandingSchema, type Branding } from '../../../../contract/branding.ts';

export type Org = { id: string; slug: string; name: string; policies: OrgPolicies; branding: Branding };

const toOrg = (row: typeof orgs.$inferSelect): Org => ({ id: row.id, slug: row.slug, name: row.name, policies: parseOrgPolicies(row.policies), branding: parseBranding(row.branding) });

/** Stored branding that no longer validates is ignored rather than shown. */
export function parseBranding(raw: unknown): Branding {
  const parsed = brandingSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

export async function updateOrgBranding(db: Queryable, orgId: string, branding: Branding): Promise<void> {
  await db.update(orgs).set({ branding }).where(eq(orgs.id, orgId));
}

/** The organization whose look the login page shows: the one named, or the only one there is. */
export async function findBrandedOrg(db: Queryable, slug?: string): Promise<Org | undefined> {
  if (slug) return findOrgBySlug(db, slug);
  const rows = await db.select().from(orgs).limit(2);
  return rows.length === 1 ? toOrg(rows[0]) : undefined;
}

/** "Acme Corp" → "acme-corp": lower-case kebab form, accents folded. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

export async function createOrg(db: Queryable, input: { name: string; slug?: string }): Promise<Org> {
  const slug = input.slug ?? slugify(input.name);
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(slug)) {
    throw new AppError('request.invalid', 'The slug must be lower-case letters, digits and dashes.');
  }
  const [row] = await db.insert(orgs).values({ name: input.name.trim(), slug }).onConflictDoNothing().returning();
  if (!row) throw new AppError('org.slug_taken', `An organization with the slug "${slug}" already exists.`);
  return toOrg(row);
}

export async function findOrgBySlug(db: Queryable, slug: string): Promise<Org | undefined> {
  const [row] = await db.select().from(orgs).where(eq(orgs.slug, slug));
  return row && toOrg(row);
}

export async function findOrgById(db: Queryable, id: string): Promise<Org | undefined> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, id));
  return row && toOrg(row);
}

export async function findOrgsByIds(db: Queryable, ids: string[]): Promise<Org[]> {
  if (ids.length === 0) return [];
  return (await db.select().from(orgs).where(inArray(orgs.id, ids))).map(toOrg);
}

export async function countOrgs(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orgs);
  return row.n;
}

export async function updateOrgPolicies(db: Queryable, orgId: string, policies: OrgPolicies): Promise<void> {
  await db.update(orgs).set({ policies }).where(eq(orgs.id, orgId));
}
