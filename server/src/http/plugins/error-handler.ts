import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { loggableError } from '../../logger.ts';

type Body = { error: { code: string; message: string; fields?: { path: string; message: string }[]; rules?: string[] } };

/** The one place errors become responses: `{ error: { code, message } }`, no stack, no internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    const { status, body } = toResponse(err);
    if (status >= 500) req.log.error({ err: loggableError(err) }, 'request failed');
    else req.log.info({ code: body.error.code, status }, 'request refused');
    if (status === 429 && 'headers' in err && err.headers) reply.headers(err.headers as Record<string, string>);
    if (req.routeOptions.config?.browserPage && isNavigation(req.headers)) return void reply.redirect(`/sso/error?code=${encodeURIComponent(body.error.code)}`, 303);
    void reply.status(status).send(body);
  });
}

/** A browser following a link or a form asks for HTML first; API clients and tests do not. */
const isNavigation = (headers: Record<string, string | string[] | undefined>) => String(headers.accept ?? '').startsWith('text/html') || headers['sec-fetch-mode'] === 'navigate';

/** API paths answer 404 with an error body; with the web app built, other GETs get the page shell. */
export function installNotFoundHandler(app: FastifyInstance, serveShell?: (reply: import('fastify').FastifyReply) => unknown): void {
  app.setNotFoundHandler((req, reply) => {
    // A missing script or stylesheet is a 404, never the page (a browser would run HTML as a module).
    const isPage = req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/') && req.url !== '/healthz';
    if (serveShell && isPage) return serveShell(reply);
    return reply.status(404).send({ error: { code: 'not_found', message: 'There is nothing here.' } });
  });
}

function toResponse(err: FastifyError | Error): { status: number; body: Body } {
  if (err instanceof AppError) {
    const rules = (err.details as { rules?: string[] } | undefined)?.rules;
    return { status: err.status, body: { error: { code: err.code, message: err.message, ...(rules ? { rules } : {}) } } };
  }
  if (err instanceof ZodError) {
    // `check` (zod's issue code: too_big, invalid_format…) lets a page say it in the reader's language.
    return invalid(err.issues.map((i) => ({ path: i.path.join('.'), message: i.message, check: i.code })));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    return invalid(err.validation.map((v) => ({ path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'), message: v.message ?? 'is invalid', check: v.keyword })));
  }
  const code = (err as FastifyError).code;
  const statusCode = (err as FastifyError).statusCode;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return simple(413, 'request.too_large', 'The request body is too large.');
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return simple(415, 'request.unsupported_media_type', 'Send a JSON body (Content-Type: application/json).');
  if (statusCode === 429) return simple(429, 'request.rate_limited', 'Too many attempts. Wait a minute and try again.');
  if (statusCode && statusCode >= 400 && statusCode < 500) return simple(400, 'request.invalid', 'The request is malformed.');
  return simple(500, 'internal', 'Something went wrong on our side. Try again later.');
}

const simple = (status: number, code: string, message: string) => ({ status, body: { error: { code, message } } });
const invalid = (fields: { path: string; message: string; check?: string }[]) => ({
  status: 400,
  body: { error: { code: 'request.invalid', message: fields.map((f) => `${f.path || 'body'}: ${f.message}`).join('; ') || 'The request is invalid.', fields } },
});
