import { z } from 'zod';
import { nameField } from './fields.ts';

/** POST /api/me/ssh-keys — a public key pasted, uploaded, or generated in the browser. */
export const addSshKeyInput = z.object({ name: nameField.min(1), publicKey: z.string().min(1).max(16_384) });
export const sshKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  bits: z.number(),
  fingerprint: z.string(),
  comment: z.string(),
  createdAt: z.string(),
});
export type SshKey = z.infer<typeof sshKeySchema>;
