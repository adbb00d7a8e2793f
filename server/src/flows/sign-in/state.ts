import { z } from 'zod';

export const signInStateSchema = z.object({
  portal: z.enum(['user', 'admin']),
  identifier: z.string(),
  email: z.string(),
  returnTo: z.string().optional(),
  userId: z.string().optional(),
  amr: z.array(z.string()).default([]),
  authTime: z.string().optional(),
  orgChoices: z.array(z.string()).default([]),
  orgId: z.string().optional(),
  passwordChanged: z.boolean().default(false),
});
export type SignInState = z.infer<typeof signInStateSchema>;
