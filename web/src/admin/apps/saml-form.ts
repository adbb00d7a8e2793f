import { z } from 'zod';
import { createSamlAppInput, importSamlAppInput, samlAttributeSources, samlNameIdFormats, type SamlApp } from '../../../../contract/saml-apps.ts';
import type { useAppForm } from '../../forms/use-app-form.ts';

export type SamlNameIdFormat = (typeof samlNameIdFormats)[number];
export type SamlAttributeSource = (typeof samlAttributeSources)[number];

/**
 * What both SAML forms hold while the administrator types. The import tab uses the metadata and
 * the common fields; the manual tab and the settings page use the rest. One shape, so the shared
 * fields (attributes, "Require MFA") serve all three.
 */
export type SamlFormValues = {
  name: string;
  description: string;
  details: string;
  /** The import tab: the XML itself (pasted or read from a file), or the address it is published at. */
  metadataSource: 'xml' | 'url';
  metadataXml: string;
  metadataUrl: string;
  entityId: string;
  acsUrls: string[];
  /** '' on import: the format the metadata asks for. */
  nameIdFormat: SamlNameIdFormat | '';
  wantAssertionsSigned: boolean;
  wantResponseSigned: boolean;
  signsRequests: boolean;
  spCertificate: string;
  /** '' when the SP takes no LogoutResponses. */
  sloUrl: string;
  sloSoapUrl: string;
  attributes: { name: string; source: SamlAttributeSource }[];
  mfaPolicy: { mode: 'none' | 'mfa' | 'recent'; withinMinutes: number | string };
};

/** The Mantine form holding those values. */
export type SamlForm = ReturnType<typeof useAppForm<SamlFormValues>>;

export const emptySamlForm: SamlFormValues = {
  name: '',
  description: '',
  details: '',
  metadataSource: 'xml',
  metadataXml: '',
  metadataUrl: '',
  entityId: '',
  acsUrls: [''],
  nameIdFormat: 'email',
  wantAssertionsSigned: true,
  wantResponseSigned: false,
  signsRequests: false,
  spCertificate: '',
  sloUrl: '',
  sloSoapUrl: '',
  attributes: [],
  mfaPolicy: { mode: 'none', withinMinutes: 15 },
};

/** The import tab starts with "as the metadata says" for the NameID format. */
export const emptySamlImportForm: SamlFormValues = { ...emptySamlForm, nameIdFormat: '' };

const policyOf = (p: SamlFormValues['mfaPolicy']) => (p.mode === 'recent' ? { mode: 'recent' as const, withinMinutes: p.withinMinutes } : { mode: p.mode });
const attributesOf = (v: SamlFormValues) => v.attributes.map((a) => ({ name: a.name.trim(), source: a.source }));
const common = (v: SamlFormValues) => ({ name: v.name.trim(), description: v.description.trim(), details: v.details.trim(), mfaPolicy: policyOf(v.mfaPolicy), attributes: attributesOf(v) });

/** The body of POST /api/admin/apps/saml (and of an update): trimmed, a blank certificate is none. */
export function toSamlInput(v: SamlFormValues) {
  const certificate = v.spCertificate.trim();
  return {
    ...common(v),
    entityId: v.entityId.trim(),
    acsUrls: v.acsUrls.map((u) => u.trim()),
    nameIdFormat: v.nameIdFormat === '' ? ('email' as const) : v.nameIdFormat,
    wantAssertionsSigned: v.wantAssertionsSigned,
    wantResponseSigned: v.wantResponseSigned,
    signsRequests: v.signsRequests,
    spCertificate: certificate === '' ? null : certificate,
    sloUrl: v.sloUrl.trim() === '' ? null : v.sloUrl.trim(),
    sloSoapUrl: v.sloSoapUrl.trim() === '' ? null : v.sloSoapUrl.trim(),
  };
}

/** The body of POST /api/admin/apps/saml/import: the metadata decides what the form leaves blank. */
export function toSamlImportInput(v: SamlFormValues) {
  const metadata = v.metadataSource === 'url' ? { metadataUrl: v.metadataUrl.trim() } : { metadataXml: v.metadataXml.trim() };
  return { ...common(v), ...metadata, nameIdFormat: v.nameIdFormat === '' ? undefined : v.nameIdFormat };
}

/** The shared contract schemas, checked against the bodies the forms will send (same field paths). */
export const samlFormSchema = z.preprocess((v) => toSamlInput(v as SamlFormValues), createSamlAppInput);
export const samlImportFormSchema = z.preprocess((v) => toSamlImportInput(v as SamlFormValues), importSamlAppInput);

export const samlCreateBody = (v: SamlFormValues) => samlFormSchema.parse(v);
export const samlImportBody = (v: SamlFormValues) => samlImportFormSchema.parse(v);
/** An update sends every setting the page shows: each was read back, so what is unchanged stays. */
export const samlUpdateBody = (v: SamlFormValues) => samlFormSchema.parse(v);

/** The settings form of an existing application, from what the API reads back. */
export function samlFormOf(app: SamlApp): SamlFormValues {
  return {
    ...emptySamlForm,
    name: app.name,
    description: app.description,
    details: app.details,
    entityId: app.entityId,
    acsUrls: app.acsUrls.length ? app.acsUrls : [''],
    nameIdFormat: app.nameIdFormat,
    wantAssertionsSigned: app.wantAssertionsSigned,
    wantResponseSigned: app.wantResponseSigned,
    signsRequests: app.signsRequests,
    spCertificate: app.spCertificate ?? '',
    sloUrl: app.sloUrl ?? '',
    sloSoapUrl: app.sloSoapUrl ?? '',
    attributes: app.attributes,
    mfaPolicy: app.mfaPolicy.mode === 'recent' ? app.mfaPolicy : { mode: app.mfaPolicy.mode, withinMinutes: 15 },
  };
}

/** The certificate the SP pins, as a file name an administrator recognises later. */
export const idpCertificateFileName = (entityId: string) => `tessera-idp-${entityId.replace(/^https?:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '')}.pem`;
