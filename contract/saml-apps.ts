import { z } from 'zod';
import { appMfaPolicySchema } from './apps.ts';
import { multilineText, distinctBy, httpUrl, httpsOrLoopbackUrl, nameField, TEXT_MESSAGES } from './fields.ts';

/**
 * SAML service providers of an organization (Admin API, /api/admin/apps/saml…). Everything here
 * is public configuration: the SP's own certificate is a public key, and nothing secret is read back.
 */

/** The browser carries the assertion there: never in the clear off this machine. */
const acsUrl = httpsOrLoopbackUrl.refine((u) => !u.includes('#'), TEXT_MESSAGES.noFragment);
/** SAML core §8.3.6: an entity identifier is a URI of at most 1024 characters. */
const entityId = z
  .string()
  .trim()
  .min(1)
  .max(1024)
  .regex(/^[^\s<>"]+$/, 'must be a URI without spaces');
const pemCertificate = z
  .string()
  .trim()
  .max(16_000)
  .regex(/^-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----$/, 'must be a PEM certificate');

export const samlNameIdFormats = ['email', 'persistent', 'unspecified'] as const;
export const samlNameIdFormatSchema = z.enum(samlNameIdFormats);

/** Profile fields and groups an attribute can carry. */
export const samlAttributeSources = ['email', 'firstName', 'lastName', 'displayName', 'username', 'groups', 'jobTitle', 'department'] as const;
export const samlAttributeSchema = z.object({
  /** The SAML attribute Name the SP expects (a URI or a short name). */
  name: z
    .string()
    .trim()
    .min(1)
    .max(256)
    .regex(/^[^\s<>"&]+$/, 'must not contain spaces or markup'),
  source: z.enum(samlAttributeSources),
});
export type SamlAttribute = z.infer<typeof samlAttributeSchema>;

/** The service provider's settings as stored and shown; shared by the hand-made and imported forms. */
export const samlSpSettingsSchema = z.object({
  entityId,
  acsUrls: z.array(acsUrl).min(1).max(10).superRefine(distinctBy(String)),
  /**
   * The metadata's `index` of each ACS URL, in the same order, for AuthnRequests that name one by
   * AssertionConsumerServiceIndex; absent (entered by hand, or the URLs changed since): the position.
   */
  acsIndexes: z.array(z.number().int().min(0).max(65535)).max(10).optional(),
  nameIdFormat: samlNameIdFormatSchema.default('email'),
  wantAssertionsSigned: z.boolean().default(true),
  wantResponseSigned: z.boolean().default(false),
  /** The SP signs its AuthnRequests: unsigned ones are then refused. */
  signsRequests: z.boolean().default(false),
  spCertificate: pemCertificate.nullable().default(null),
  attributes: z.array(samlAttributeSchema).max(30).superRefine(distinctBy((a) => a.name, 'name')).default([]),
  /** Where the SP takes LogoutResponses (its SingleLogoutService); none: single logout ends at Tessera. */
  sloUrl: acsUrl.nullable().default(null),
  /**
   * Where the SP takes LogoutRequests over the back channel (SOAP binding): told there whenever the
   * sign-in ends, even with no browser in the room (sign-out from Security or by an administrator, expiry).
   */
  sloSoapUrl: acsUrl.nullable().default(null),
});
export type SamlSpSettings = z.infer<typeof samlSpSettingsSchema>;

const appFields = {
  name: nameField.min(1),
  description: multilineText(500).default(''),
  details: multilineText(5000).default(''),
  mfaPolicy: appMfaPolicySchema.default({ mode: 'none' }),
};

/** POST /api/admin/apps/saml — by hand. */
export const createSamlAppInput = z
  .object({ ...appFields, ...samlSpSettingsSchema.shape })
  .refine((v) => !v.signsRequests || v.spCertificate, { path: ['spCertificate'], message: 'is required when the SP signs its requests' });
export type CreateSamlAppInput = z.infer<typeof createSamlAppInput>;


/**
 * POST /api/admin/apps/saml/import — from the SP's metadata: the XML pasted or uploaded as text,
 * or the address it is published at (exactly one of the two).
 */
export const importSamlAppInput = z
  .object({
    ...appFields,
    metadataXml: z.string().min(1).max(200_000).optional(),
    /** Fetched by the server, on a public address or a network the operator allowed. */
    metadataUrl: httpUrl.optional(),
    nameIdFormat: samlNameIdFormatSchema.optional(),
    wantResponseSigned: z.boolean().optional(),
    attributes: z.array(samlAttributeSchema).max(30).superRefine(distinctBy((a) => a.name, 'name')).default([]),
  })
  .refine((v) => (v.metadataXml === undefined) !== (v.metadataUrl === undefined), { path: ['metadataXml'], message: 'give either the metadata XML or its address' });
export type ImportSamlAppInput = z.infer<typeof importSamlAppInput>;

/** POST /api/admin/apps/saml/:id — any subset of the settings. */
export const updateSamlAppInput = z.object({
  name: appFields.name.optional(),
  description: multilineText(500).optional(),
  details: multilineText(5000).optional(),
  mfaPolicy: appMfaPolicySchema.optional(),
  entityId: entityId.optional(),
  acsUrls: z.array(acsUrl).min(1).max(10).superRefine(distinctBy(String)).optional(),
  nameIdFormat: samlNameIdFormatSchema.optional(),
  wantAssertionsSigned: z.boolean().optional(),
  wantResponseSigned: z.boolean().optional(),
  signsRequests: z.boolean().optional(),
  spCertificate: pemCertificate.nullable().optional(),
  attributes: z.array(samlAttributeSchema).max(30).superRefine(distinctBy((a) => a.name, 'name')).optional(),
  sloUrl: acsUrl.nullable().optional(),
  sloSoapUrl: acsUrl.nullable().optional(),
});
export type UpdateSamlAppInput = z.infer<typeof updateSamlAppInput>;

export const samlAppSchema = z.object({
  id: z.string(),
  type: z.literal('saml'),
  name: z.string(),
  description: z.string(),
  details: z.string(),
  icon: z.string().nullable(),
  mfaPolicy: appMfaPolicySchema,
  createdAt: z.string(),
  ...samlSpSettingsSchema.shape,
  /** Where the portal tile starts an IdP-initiated sign-in. */
  launchPath: z.string(),
});
export type SamlApp = z.infer<typeof samlAppSchema>;

/** GET /api/admin/apps/saml/idp — what to give the SP's administrator. */
export const samlIdpInfoSchema = z.object({ entityId: z.string(), metadataUrl: z.string(), ssoUrl: z.string(), sloUrl: z.string(), certificate: z.string() });
export type SamlIdpInfo = z.infer<typeof samlIdpInfoSchema>;
