import { z } from 'zod';

/** Every error response: a stable code the UI keys its text off, and a message safe to show. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Each refused field: its path (`redirectUris.1`), an English message, and which check failed (zod's issue code). */
    fields: z.array(z.object({ path: z.string(), message: z.string(), check: z.string().optional() })).optional(),
    rules: z.array(z.string()).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
