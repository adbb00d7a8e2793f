import { z } from 'zod';
import { PASSWORD_MAX_BYTES } from './password-policy.ts';

/** The sentences the text checks below give; the web app turns them into its own words. */
export const TEXT_MESSAGES = {
  notAllowed: 'contains characters that are not allowed',
  hidden: 'contains control or text-direction characters',
  oneLine: 'must be on one line',
  invisible: 'contains invisible characters (such as a zero-width space)',
  redirectUri: 'must be an exact https:// address (http:// only on localhost), without wildcards or #fragment',
  httpsAddress: 'must be an https:// address (http:// only on localhost)',
  httpAddress: 'must be an http:// or https:// address',
  noFragment: 'must not contain a fragment',
  certificate: 'must be an X.509 certificate (PEM) with an RSA key',
  role: 'must be member or admin',
} as const;

// NUL bytes and lone surrogates are refused before anything expensive sees the value (PostgreSQL
// refuses a NUL in text: unchecked, it would surface as a server error). The checks after it are
// skipped then: one reason per field.
const isCleanText = (s: string) => !s.includes('\u0000') && s.isWellFormed();
const clean = (schema: z.ZodString) => schema.refine(isCleanText, { message: TEXT_MESSAGES.notAllowed, abort: true });
const cleanText = (max: number) => clean(z.string().max(max));
/** What a list is searched or filtered by, from the query string: trimmed, bounded, clean. */
export const searchText = (max: number) => clean(z.string().trim().max(max));

export const emailField = cleanText(254).min(3);
export const passwordField = cleanText(PASSWORD_MAX_BYTES)
  .min(1)
  // TextEncoder, not Buffer: the same schema validates forms in the browser.
  .refine((s) => new TextEncoder().encode(s).length <= PASSWORD_MAX_BYTES, `must be at most ${PASSWORD_MAX_BYTES} bytes`);
/**
 * Text people read beside other text (names, titles, descriptions) has no control characters and
 * no bidirectional embeddings, overrides or isolates: those let a value hide or reorder what is shown
 * after it ("Trojan Source"), and break the log lines, CSV rows and LDAP entries it ends up in.
 */
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]/;
const readable = (schema: z.ZodString) => schema.refine((s) => !UNSAFE_IN_TEXT.test(s), TEXT_MESSAGES.hidden);
/**
 * Invisible format characters (Unicode category Cf: zero-width spaces and joiners, word joiner,
 * byte-order mark, soft hyphen, direction marks) make two names that read the same differ — a
 * second "Admins" group, an application tile posing as another. The bidirectional controls among
 * them are reported as `hidden` above. Kept: the joiners the scripts that need them place between
 * two letters (Persian ZWNJ, Indic conjuncts), and ZWJ inside an emoji sequence.
 */
const JOINING_SCRIPTS = ['Arabic', 'Syriac', 'Nko', 'Mongolian', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Myanmar', 'Khmer']
  .map((script) => `\\p{scx=${script}}`)
  .join('');
const JOINER_IN_WORD = new RegExp(`(?<=[${JOINING_SCRIPTS}])[\\u200C\\u200D](?=[${JOINING_SCRIPTS}])`, 'gu');
const JOINER_IN_EMOJI = /(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D(?=\p{Extended_Pictographic})/gu;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const hasInvisible = (s: string) => /\p{Cf}/u.test(s.replace(JOINER_IN_WORD, '').replace(JOINER_IN_EMOJI, '').replace(BIDI_CONTROLS, ''));
const visible = (schema: z.ZodString) => schema.refine((s) => !hasInvisible(s), TEXT_MESSAGES.invisible);
/** Several lines are fine (descriptions, details). */
export const multilineText = (max: number) => readable(cleanText(max));
/**
 * One line: a name, a title, a label. Trimmed first: a pasted name's trailing newline is not an
 * error. NFC, so that "é" typed on one keyboard and pasted from another are one name, to the
 * uniqueness checks and to whoever searches for it.
 */
export const lineText = (max: number) =>
  visible(readable(clean(z.string().trim().normalize('NFC').max(max)))).refine((s) => !LINE_BREAKS.test(s), TEXT_MESSAGES.oneLine);
/** Trimmed (lineText): `.min(1)` after it refuses a name of spaces only. */
export const nameField = lineText(100);
export const tokenField = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not a valid link token');
export const slugField = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'is not a valid organization slug');
export const usernameField = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'may hold letters, digits, dot, dash and underscore');
export const languageField = z.enum(['en', 'fr']);
export { cleanText };

/**
 * A list whose entries must differ (by `key`): each repeat is refused at its own index, so a form
 * marks the very field that repeats an earlier one.
 */
export const distinctBy =
  <T>(key: (v: T) => string, field?: string) =>
  (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      if (seen.has(key(v))) ctx.addIssue({ code: 'custom', path: field ? [i, field] : [i], message: 'repeats an earlier entry' });
      seen.add(key(v));
    });
  };

/** Hosts whose traffic never leaves the machine: the only place plain http:// carries a credential safely. */
export const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `message` names the address's form; a well-formed address that is too long gets zod's length message. */
const webUrl = (message: string) => z.url({ protocol: /^https?$/, error: (issue) => (issue.code === 'invalid_format' ? message : undefined) }).max(2048);

export const httpUrl = webUrl(TEXT_MESSAGES.httpAddress);

/** Where a browser is sent with a credential (an assertion, a code): https://, or http:// on loopback only. */
export const httpsOrLoopbackUrl = webUrl(TEXT_MESSAGES.httpsAddress).refine((s) => !s.startsWith('http:') || LOOPBACK_HOSTS.has(new URL(s).hostname), TEXT_MESSAGES.httpsAddress);
