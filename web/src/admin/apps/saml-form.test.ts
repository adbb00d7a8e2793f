import { describe, expect, it } from 'vitest';
import {
  emptySamlForm,
  emptySamlImportForm,
  idpCertificateFileName,
  samlFormOf,
  samlFormSchema,
  samlImportFormSchema,
  samlUpdateBody,
  toSamlImportInput,
  toSamlInput,
  type SamlFormValues,
} from './saml-form.ts';

const manual = (patch: Partial<SamlFormValues>): SamlFormValues => ({ ...emptySamlForm, name: 'Expenses', entityId: 'https://expenses.acme.test/sp', acsUrls: ['https://expenses.acme.test/acs'], ...patch });
const imported = (patch: Partial<SamlFormValues>): SamlFormValues => ({ ...emptySamlImportForm, name: 'Expenses', metadataXml: '<EntityDescriptor/>', ...patch });
const issuesOf = (schema: typeof samlFormSchema | typeof samlImportFormSchema, v: SamlFormValues) => {
  const r = schema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCARygAwIBAgIJAK\n-----END CERTIFICATE-----';

describe('the SAML application forms', () => {
  it('accepts a hand-made SP with sensible defaults: email NameID, signed assertions, no certificate', () => {
    expect(issuesOf(samlFormSchema, manual({}))).toEqual([]);
    expect(toSamlInput(manual({ name: ' Expenses ', entityId: ' https://expenses.acme.test/sp ' }))).toMatchObject({
      name: 'Expenses',
      entityId: 'https://expenses.acme.test/sp',
      nameIdFormat: 'email',
      wantAssertionsSigned: true,
      wantResponseSigned: false,
      signsRequests: false,
      spCertificate: null,
      mfaPolicy: { mode: 'none' },
      attributes: [],
    });
  });

  it('points each problem at its own field, an ACS URL at its own row', () => {
    expect(issuesOf(samlFormSchema, manual({ name: ' ', entityId: 'not a uri', acsUrls: ['https://ok.test/acs', 'ftp://x.test/acs'] }))).toEqual(
      expect.arrayContaining(['name', 'entityId', 'acsUrls.1']),
    );
    expect(issuesOf(samlFormSchema, manual({ acsUrls: ['https://ok.test/acs#frag'] }))).toEqual(['acsUrls.0']);
    expect(issuesOf(samlFormSchema, manual({ attributes: [{ name: 'bad name', source: 'email' }] }))).toEqual(['attributes.0.name']);
  });

  it('asks for the SP certificate when the SP signs its requests', () => {
    expect(issuesOf(samlFormSchema, manual({ signsRequests: true }))).toEqual(['spCertificate']);
    expect(issuesOf(samlFormSchema, manual({ signsRequests: true, spCertificate: CERT }))).toEqual([]);
    expect(issuesOf(samlFormSchema, manual({ spCertificate: 'hello' }))).toEqual(['spCertificate']);
  });

  it('checks the minutes only when the rule is "within the last N minutes"', () => {
    expect(issuesOf(samlFormSchema, manual({ mfaPolicy: { mode: 'recent', withinMinutes: 0 } }))).toEqual(['mfaPolicy.withinMinutes']);
    expect(toSamlInput(manual({ mfaPolicy: { mode: 'mfa', withinMinutes: 0 } })).mfaPolicy).toEqual({ mode: 'mfa' });
  });

  it('imports from metadata: the metadata decides the NameID format unless one is chosen', () => {
    expect(issuesOf(samlImportFormSchema, imported({}))).toEqual([]);
    expect(toSamlImportInput(imported({})).nameIdFormat).toBeUndefined();
    expect(toSamlImportInput(imported({ nameIdFormat: 'persistent' })).nameIdFormat).toBe('persistent');
    expect(issuesOf(samlImportFormSchema, imported({ metadataXml: '  ' }))).toEqual(['metadataXml']);
    // From an address: only the address is sent (the XML typed before switching is not), and it must be a URL.
    expect(toSamlImportInput(imported({ metadataSource: 'url', metadataUrl: ' https://sp.example/metadata ' }))).toMatchObject({ metadataUrl: 'https://sp.example/metadata' });
    expect(toSamlImportInput(imported({ metadataSource: 'url', metadataUrl: 'https://sp.example/metadata' }))).not.toHaveProperty('metadataXml');
    expect(issuesOf(samlImportFormSchema, imported({ metadataSource: 'url', metadataUrl: 'sp.example' }))).toEqual(['metadataUrl']);
    // The manual fields left empty on the import tab are not checked there.
    expect(issuesOf(samlImportFormSchema, imported({ entityId: '', acsUrls: [''] }))).toEqual([]);
  });

  it('round-trips an application read back into a full update', () => {
    const values = samlFormOf({
      id: 'a',
      type: 'saml',
      name: 'Expenses',
      description: 'Claims',
      details: 'Use your badge number.',
      icon: null,
      mfaPolicy: { mode: 'recent', withinMinutes: 30 },
      createdAt: '2025-01-01T00:00:00.000Z',
      entityId: 'https://expenses.acme.test/sp',
      acsUrls: ['https://expenses.acme.test/acs'],
      nameIdFormat: 'persistent',
      wantAssertionsSigned: true,
      wantResponseSigned: true,
      signsRequests: true,
      spCertificate: CERT,
      sloUrl: 'https://expenses.acme.test/slo',
      sloSoapUrl: 'https://expenses.acme.test/slo/soap',
      attributes: [{ name: 'mail', source: 'email' }],
      launchPath: '/saml/acme/launch/a',
    });
    expect(values).toMatchObject({ nameIdFormat: 'persistent', spCertificate: CERT, sloUrl: 'https://expenses.acme.test/slo', sloSoapUrl: 'https://expenses.acme.test/slo/soap', mfaPolicy: { mode: 'recent', withinMinutes: 30 } });
    expect(samlUpdateBody(values)).toMatchObject({
      description: 'Claims',
      entityId: 'https://expenses.acme.test/sp',
      wantResponseSigned: true,
      signsRequests: true,
      attributes: [{ name: 'mail', source: 'email' }],
      mfaPolicy: { mode: 'recent', withinMinutes: 30 },
    });
  });

  it('names the IdP certificate file after the entity ID', () => {
    expect(idpCertificateFileName('https://id.acme.test/saml/acme')).toBe('tessera-idp-id.acme.test-saml-acme.pem');
  });
});
