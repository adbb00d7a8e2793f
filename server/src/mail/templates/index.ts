import { renderMail, type RenderedMail } from './render.ts';

export type MailTemplates = {
  invitation: { orgName: string; inviterName?: string; url: string; days: number; accentColor?: string };
  password_reset: { url: string; minutes: number };
  account_locked: { resetUrl: string };
  password_changed: Record<string, never>;
  mfa_changed: Record<string, never>;
  mfa_reset: Record<string, never>;
  recovery_email_confirm: { url: string; hours: number };
  recovery_email_removed: Record<string, never>;
  password_expiring: { days: number; url: string };
  test: { transport: string };
};
export type TemplateName = keyof MailTemplates;

type Renderers = { [K in TemplateName]: (v: MailTemplates[K]) => RenderedMail };

const en: Renderers = {
  invitation: (v) =>
    renderMail(
      `You're invited to ${v.orgName} on Tessera`,
      [`${v.inviterName ? `${v.inviterName} invited you` : 'You have been invited'} to join ${v.orgName} on Tessera.`, 'Click the link below to create your account and choose your password.'],
      { label: 'Create your account', url: v.url },
      `This invitation expires in ${v.days} days. If you did not expect it, you can ignore this e-mail.`,
      { name: v.orgName, accentColor: v.accentColor },
    ),
  password_reset: (v) =>
    renderMail(
      'Reset your Tessera password',
      ['Someone asked to reset the password of your Tessera account.', 'Click the link below to choose a new password.'],
      { label: 'Reset password', url: v.url },
      `The link works once and expires in ${v.minutes} minutes. If you did not ask for it, ignore this e-mail: your password stays the same.`,
    ),
  account_locked: (v) =>
    renderMail(
      'Your Tessera account is locked',
      ['Your Tessera account was locked after too many failed sign-in attempts.', 'If this was not you, contact your administrator. You can also reset your password, which unlocks the account.'],
      { label: 'Reset password', url: v.resetUrl },
    ),
  password_changed: () => renderMail('Your Tessera password was changed', ['The password of your Tessera account was just changed. If this was not you, contact your administrator at once.']),
  recovery_email_removed: () => renderMail('This address is no longer your Tessera recovery e-mail', ['This address was removed as the recovery e-mail of a Tessera account: password reset links will not be sent here any more. If this was not you, contact your administrator at once.']),
  mfa_changed: () => renderMail('Your Tessera sign-in methods changed', ['A sign-in method of your Tessera account (authenticator app, security key, passkey or recovery codes) was just added, removed or renewed. If this was not you, contact your administrator at once.']),
  mfa_reset: () => renderMail('Your Tessera sign-in methods were reset', ['An administrator removed the sign-in methods of your Tessera account. You will set up a new one the next time you sign in.']),
  test: (v) => renderMail('Tessera test e-mail', [`This test e-mail went out through ${v.transport}. If you can read it, Tessera's e-mail works.`]),
  password_expiring: (v) =>
    renderMail(
      v.days === 0 ? 'Your Tessera password expires today' : `Your Tessera password expires in ${v.days} day${v.days === 1 ? '' : 's'}`,
      ['Choose a new password before it expires, so that you keep access to your applications.'],
      { label: 'Change my password', url: v.url },
    ),
  recovery_email_confirm: (v) =>
    renderMail('Confirm your recovery e-mail', ['Someone added this address as the recovery e-mail of a Tessera account.', 'If it was you, confirm it with the link below.'], { label: 'Confirm this address', url: v.url }, `The link expires in ${v.hours} hours. If it was not you, ignore this e-mail.`),
};

const fr: Renderers = {
  invitation: (v) =>
    renderMail(
      `Invitation à rejoindre ${v.orgName} sur Tessera`,
      [`${v.inviterName ? `${v.inviterName} vous invite` : 'Vous êtes invité·e'} à rejoindre ${v.orgName} sur Tessera.`, 'Cliquez sur le lien ci-dessous pour créer votre compte et choisir votre mot de passe.'],
      { label: 'Créer votre compte', url: v.url },
      `Cette invitation expire dans ${v.days} jours. Si vous ne l'attendiez pas, ignorez ce message.`,
      { name: v.orgName, accentColor: v.accentColor },
    ),
  password_reset: (v) =>
    renderMail(
      'Réinitialisez votre mot de passe Tessera',
      ['Une réinitialisation du mot de passe de votre compte Tessera a été demandée.', 'Cliquez sur le lien ci-dessous pour choisir un nouveau mot de passe.'],
      { label: 'Réinitialiser le mot de passe', url: v.url },
      `Le lien ne sert qu'une fois et expire dans ${v.minutes} minutes. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.`,
    ),
  account_locked: (v) =>
    renderMail(
      'Votre compte Tessera est verrouillé',
      ['Votre compte Tessera a été verrouillé après trop de tentatives de connexion échouées.', "Si ce n'était pas vous, contactez votre administrateur. Vous pouvez aussi réinitialiser votre mot de passe, ce qui déverrouille le compte."],
      { label: 'Réinitialiser le mot de passe', url: v.resetUrl },
    ),
  password_changed: () => renderMail('Votre mot de passe Tessera a été modifié', ["Le mot de passe de votre compte Tessera vient d'être modifié. Si ce n'était pas vous, contactez immédiatement votre administrateur."]),
  recovery_email_removed: () => renderMail("Cette adresse n'est plus votre e-mail de récupération Tessera", ["Cette adresse a été retirée comme e-mail de récupération d'un compte Tessera : les liens de réinitialisation du mot de passe n'y seront plus envoyés. Si ce n'était pas vous, contactez immédiatement votre administrateur."]),
  mfa_changed: () => renderMail('Vos méthodes de connexion Tessera ont changé', ["Une méthode de connexion de votre compte Tessera (application d'authentification, clé de sécurité, clé d'accès ou codes de récupération) vient d'être ajoutée, supprimée ou renouvelée. Si ce n'était pas vous, contactez immédiatement votre administrateur."]),
  mfa_reset: () => renderMail('Vos méthodes de connexion Tessera ont été réinitialisées', ['Un administrateur a supprimé les méthodes de connexion de votre compte Tessera. Vous en configurerez une nouvelle à votre prochaine connexion.']),
  test: (v) => renderMail("E-mail de test Tessera", [`Cet e-mail de test est parti par ${v.transport}. Si vous le lisez, l'envoi d'e-mails de Tessera fonctionne.`]),
  password_expiring: (v) =>
    renderMail(
      v.days === 0 ? "Votre mot de passe Tessera expire aujourd'hui" : `Votre mot de passe Tessera expire dans ${v.days} jour${v.days === 1 ? '' : 's'}`,
      ["Choisissez un nouveau mot de passe avant qu'il n'expire, pour garder l'accès à vos applications."],
      { label: 'Changer mon mot de passe', url: v.url },
    ),
  recovery_email_confirm: (v) =>
    renderMail('Confirmez votre e-mail de récupération', ["Cette adresse a été ajoutée comme e-mail de récupération d'un compte Tessera.", "Si c'était vous, confirmez-la avec le lien ci-dessous."], { label: 'Confirmer cette adresse', url: v.url }, `Le lien expire dans ${v.hours} heures. Si ce n'était pas vous, ignorez ce message.`),
};

/** In the person's language; English for someone who never chose one. */
export function renderTemplate<K extends TemplateName>(name: K, lang: string | null, vars: MailTemplates[K]): RenderedMail {
  const set = lang === 'fr' ? fr : en;
  return (set[name] as (v: MailTemplates[K]) => RenderedMail)(vars);
}
