import { z } from 'zod';
import { lineText } from './fields.ts';
import { imageDataUrl } from './image-data-url.ts';

/** An organization's look: the name people see, a small logo (no SVG: it can carry script) and an accent colour. */
export const LOGO_MAX_CHARS = 150_000;
export const brandingSchema = z.object({
  displayName: lineText(100).optional(),
  logo: imageDataUrl(LOGO_MAX_CHARS, ['png', 'jpeg', 'webp']).nullable().optional(),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1c7ed6').optional(),
});
export type Branding = z.infer<typeof brandingSchema>;
/** GET /api/branding — public: what the login page and portal header show. */
export const publicBrandingSchema = z.object({ name: z.string().nullable(), logo: z.string().nullable(), accentColor: z.string().nullable() });
export type PublicBranding = z.infer<typeof publicBrandingSchema>;
