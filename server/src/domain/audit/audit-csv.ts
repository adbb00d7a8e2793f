import type { AuditEventView } from '../../../../contract/audit.ts';

const HEADER = ['at', 'event', 'outcome', 'actor_user_id', 'actor_email', 'target_user_id', 'target_email', 'concerning', 'ip', 'user_agent', 'details'];

/** One CSV field (RFC 4180 quoting), defused so that a spreadsheet never runs it as a formula. */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // CSV injection: a cell starting with = + - @ (or a tab or carriage return that hides one) would
  // run as a formula; a leading quote makes it text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The CSV text of the audit log, line by line, as the events arrive. */
export async function* auditCsvLines(events: AsyncIterable<AuditEventView>): AsyncGenerator<string> {
  yield `${HEADER.join(',')}\r\n`;
  for await (const e of events) {
    yield `${[e.at, e.event, e.outcome, e.actorUserId, e.actorEmail, e.targetUserId, e.targetEmail, e.subjects.join('; '), e.ip, e.userAgent, e.details].map(csvCell).join(',')}\r\n`;
  }
}
