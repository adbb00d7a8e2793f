import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import { errorCodes } from '../../../server/src/errors.ts';
import { AUDIT_EVENTS } from '../../../contract/audit-events.ts';

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → its text (error codes hold dots themselves, so they stay whole below `errors`). */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}\u0000${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('the English and French catalogs', () => {
  const english = leaves(en as Tree);
  const french = leaves(fr as Tree);

  it('hold the same texts, none of them empty', () => {
    const name = (k: string) => k.replaceAll('\u0000', '.');
    expect([...english.keys()].filter((k) => !french.has(k)).map(name), 'missing in French').toEqual([]);
    expect([...french.keys()].filter((k) => !english.has(k)).map(name), 'missing in English').toEqual([]);
    expect([...english, ...french].filter(([, text]) => !text.trim()).map(([k]) => name(k))).toEqual([]);
  });

  it('fill in the same variables in both languages', () => {
    const differing = [...english].filter(([k, text]) => french.has(k) && variables(text).join() !== variables(french.get(k)!).join());
    expect(differing.map(([k]) => k.replaceAll('\u0000', '.'))).toEqual([]);
  });

  it('name each button labelled beyond its visible text with a name that starts with that text (WCAG 2.5.3)', () => {
    // [the aria-label's key, the visible text's key, or the variable the button shows]: a person using
    // speech says what they see.
    const buttons = [
      ['security.withdrawConsent', 'common.remove'],
      ['security.removeKey', 'common.remove'],
      ['security.signOutSession', 'security.signOut'],
      ['adminAssignments.removeFor', 'common.remove'],
      ['adminAdmins.revokeFor', 'adminAdmins.revoke'],
      ['adminUsers.actionsFor', 'adminUsers.actions'],
      ['adminUsers.resendTo', 'adminUsers.resend'],
      ['adminUsers.revokeFor', 'adminUsers.revoke'],
      ['adminKeys.revokeFor', 'adminUsers.revoke'],
      ['adminGroups.removeMember', '{{email}}'],
      ['adminApps.settingsOf', '{{name}}'],
    ];
    for (const catalog of [english, french]) {
      const text = (key: string) => (key.startsWith('{{') ? key : catalog.get(key.replaceAll('.', '\u0000'))!.toLocaleLowerCase());
      expect(buttons.filter(([named, shown]) => !text(named).startsWith(text(shown)))).toEqual([]);
    }
  });

  it('agree in number with the count they give ("1 invitée", "2 invitées")', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { en: { translation: en }, fr: { translation: fr } }, lng: 'fr', interpolation: { escapeValue: false } });
    const bulk = (invited: number, failed: number) => i18n.t('adminUsers.bulkResult', { invited: i18n.t('adminUsers.bulkInvited', { count: invited }), notInvited: i18n.t('adminUsers.bulkNotInvited', { count: failed }) });
    expect(bulk(1, 0)).toBe('1 invitée, 0 non invitée.');
    expect(bulk(2, 3)).toBe('2 invitées, 3 non invitées.');
    expect(i18n.t('lists.shown', { count: 1 })).toBe('1 affiché');
    expect(i18n.t('dashboard.action.password_expiring', { days: 1, count: 1 })).toBe('Votre mot de passe expire dans 1 jour.');
    await i18n.changeLanguage('en');
    expect(bulk(1, 1)).toBe('1 invited, 1 not invited.');
    expect(i18n.t('dashboard.action.recovery_codes_low', { left: 1, count: 1 })).toBe('Only 1 recovery code left: make new ones.');
  });

  it('say something for every error code the server answers with', () => {
    for (const catalog of [en, fr]) {
      const texts = catalog.errors as Record<string, string>;
      expect(Object.keys(errorCodes).filter((code) => !texts[code])).toEqual([]);
    }
  });

  it('say in words every event the audit log can hold, and nothing it cannot', () => {
    for (const catalog of [en, fr]) {
      const texts = catalog.auditEvent as Record<string, string>;
      expect(AUDIT_EVENTS.filter((name) => !texts[name]), 'without a label').toEqual([]);
      expect(Object.keys(texts).filter((name) => !(AUDIT_EVENTS as readonly string[]).includes(name)), 'no such event').toEqual([]);
    }
  });
});
