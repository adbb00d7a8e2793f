import type { ComponentType } from 'react';
import { BookmarkAppForm } from './BookmarkAppForm.tsx';
import { OidcAppForm } from './OidcAppForm.tsx';
import { SamlAppForm } from './SamlAppForm.tsx';

/**
 * The kinds of application an administrator can create, in the order the chooser shows them. A new
 * protocol adds one entry: its label, the title of its form, the form itself.
 */
export const newAppTypes: { value: string; labelKey: string; titleKey: string; Form: ComponentType }[] = [
  { value: 'bookmark', labelKey: 'adminApps.typeBookmark', titleKey: 'adminApps.new', Form: BookmarkAppForm },
  { value: 'oidc', labelKey: 'adminApps.typeOidc', titleKey: 'adminApps.newOidc', Form: OidcAppForm },
  { value: 'saml', labelKey: 'adminApps.typeSaml', titleKey: 'adminSaml.new', Form: SamlAppForm },
];

/** Where an application's own settings live, for the types that have a settings page. */
export const settingsPathOf: Record<string, ((id: string) => string) | undefined> = {
  bookmark: (id) => `/admin/applications/bookmark/${id}`,
  oidc: (id) => `/admin/applications/oidc/${id}`,
  saml: (id) => `/admin/applications/saml/${id}`,
};

export const typeLabelKeys: Record<string, string> = { bookmark: 'adminApps.typeBookmark', oidc: 'adminApps.typeOidc', saml: 'adminApps.typeSaml' };

/** The list's badges, short enough to read whole on a phone ("OIDC", not "OPENID…"). */
export const typeBadgeKeys: Record<string, string> = { ...typeLabelKeys, oidc: 'adminApps.typeOidcShort' };
