import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { FlowDeps } from '../deps.ts';
import { parseCsv } from './parse-csv.ts';
import { sendInvitation } from './send-invitation.ts';

export const BULK_CSV_MAX_CHARS = 200_000;
export const bulkInviteInput = z.object({ csv: z.string().min(1).max(BULK_CSV_MAX_CHARS) });
/**
 * A row's outcome. `replacedEarlier`: a pending invitation to that address was replaced (its link no
 * longer works). `fields`: for a malformed row, which columns and which check, for the page to say in
 * the reader's language.
 */
export type BulkInviteRow = {
  row: number;
  email: string;
  ok: boolean;
  replacedEarlier?: boolean;
  code?: string;
  message?: string;
  fields?: { path: string; check: string; message: string }[];
};

const COLUMNS = ['email', 'firstName', 'lastName', 'role', 'username'] as const;
const MAX_ROWS = 1000;

/**
 * Invites every row of a CSV (email[,firstName,lastName,role,username]; a header row is optional;
 * commas, semicolons or tabs). Each row stands alone: a bad row is reported, by its line in the
 * file, and the others still go out.
 */
export async function bulkInvite(orgId: string, input: unknown, deps: FlowDeps): Promise<{ invited: number; failed: number; rows: BulkInviteRow[] }> {
  const { csv } = bulkInviteInput.parse(input);
  let rows = parseCsv(csv);
  if (rows[0]?.cells[0]?.trim().toLowerCase() === 'email') rows = rows.slice(1);
  if (rows.length > MAX_ROWS) throw new AppError('request.invalid', `At most ${MAX_ROWS} rows per file.`);
  const report: BulkInviteRow[] = [];
  // A second row for one address would replace the first row's invitation (and void its link);
  // only a row that was invited holds its address: a corrected copy of a failed row goes through.
  const rowOf = new Map<string, number>();
  for (const { line, cells } of rows) {
    const record = Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]?.trim() || undefined]));
    try {
      const keys = [record.email && `address:${record.email.toLowerCase()}`, record.username && `username:${record.username.toLowerCase()}`].filter((k): k is string => Boolean(k));
      const seen = keys.find((k) => rowOf.has(k));
      if (seen) throw new AppError('invitation.duplicate_row', `Row ${rowOf.get(seen)} of this file already has this ${seen.split(':')[0]}.`);
      const sent = await sendInvitation(orgId, { ...record, role: record.role ?? 'member' }, deps);
      for (const k of keys) rowOf.set(k, line);
      report.push({ row: line, email: record.email ?? '', ok: true, ...(sent.replacedEarlier && { replacedEarlier: true }) });
    } catch (err) {
      const code = err instanceof AppError ? err.code : err instanceof z.ZodError ? 'request.invalid' : 'internal';
      const message = err instanceof AppError ? err.message : err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : 'Something went wrong.';
      const fields = err instanceof z.ZodError ? err.issues.map((i) => ({ path: i.path.join('.'), check: i.code, message: i.message })) : undefined;
      report.push({ row: line, email: record.email ?? '', ok: false, code, message, ...(fields && { fields }) });
    }
  }
  return { invited: report.filter((r) => r.ok).length, failed: report.filter((r) => !r.ok).length, rows: report };
}
