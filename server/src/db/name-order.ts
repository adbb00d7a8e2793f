import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * A name as people sort it (migration 0030's tessera_names: ICU's root collation), so "Éluard"
 * comes between "Eco" and "Zola". For every list ordered by a person's, group's or application's name.
 */
export const nameOrder = (name: AnyColumn | SQL): SQL => sql`${name} collate tessera_names`;
