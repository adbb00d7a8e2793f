import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Language } from '../../../../contract/language.ts';
import { requestLanguage } from '../../http/request-language.ts';

const PROVIDER_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

/** Text into HTML: the provider's pages show client names and error descriptions chosen by others. */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const WORDING = {
  en: {
    signOut: 'Sign out',
    signOutHeading: 'Sign out of Tessera?',
    askedBy: (client: string) => `${client} asked to sign you out.`,
    askedByUnknown: 'An application asked to sign you out.',
    endsSession: 'This ends your Tessera session in this browser.',
    yes: 'Yes, sign me out',
    no: 'No, stay signed in',
    signedOut: 'Signed out',
    signedOutHeading: 'You are signed out',
    closeWindow: 'You can close this window.',
    userLogin: 'User Login',
    errorTitle: 'Sign-in error',
    errorHeading: 'This sign-in request cannot continue',
    signOutErrorTitle: 'Sign-out error',
    signOutErrorHeading: 'This sign-out request cannot continue',
    errorFallback: 'The application sent a request Tessera cannot accept.',
    technicalDetails: 'Technical details',
    reasons: {
      invalid_client: 'This application is not registered with Tessera, or its registration is incomplete.',
      invalid_redirect_uri: 'The application asked to return to an address that is not registered for it.',
      invalid_request: 'The application sent an incomplete or malformed request.',
      invalid_scope: 'The application asked for access Tessera does not grant.',
      unauthorized_client: 'This application is not allowed to sign people in this way.',
      unsupported_response_type: 'The application asked for a kind of answer Tessera does not give.',
      server_error: 'Something went wrong on Tessera’s side. Try again in a moment.',
    } as Record<string, string>,
    backToPortal: 'Back to the User Portal',
  },
  fr: {
    signOut: 'Déconnexion',
    signOutHeading: 'Se déconnecter de Tessera ?',
    askedBy: (client: string) => `${client} demande à vous déconnecter.`,
    askedByUnknown: 'Une application demande à vous déconnecter.',
    endsSession: 'Cela met fin à votre session Tessera dans ce navigateur.',
    yes: 'Oui, me déconnecter',
    no: 'Non, rester connecté·e',
    signedOut: 'Déconnecté·e',
    signedOutHeading: 'Vous êtes déconnecté·e',
    closeWindow: 'Vous pouvez fermer cette fenêtre.',
    userLogin: 'Connexion utilisateur',
    errorTitle: 'Erreur de connexion',
    errorHeading: 'Cette demande de connexion ne peut pas aboutir',
    signOutErrorTitle: 'Erreur de déconnexion',
    signOutErrorHeading: 'Cette demande de déconnexion ne peut pas aboutir',
    errorFallback: "L'application a envoyé une demande que Tessera ne peut pas accepter.",
    technicalDetails: 'Détails techniques (en anglais)',
    reasons: {
      invalid_client: "Cette application n'est pas enregistrée dans Tessera, ou son enregistrement est incomplet.",
      invalid_redirect_uri: "L'application demande à revenir à une adresse qui n'est pas enregistrée pour elle.",
      invalid_request: "L'application a envoyé une demande incomplète ou mal formée.",
      invalid_scope: "L'application demande un accès que Tessera n'accorde pas.",
      unauthorized_client: "Cette application n'est pas autorisée à connecter les personnes de cette façon.",
      unsupported_response_type: "L'application demande un type de réponse que Tessera ne donne pas.",
      server_error: 'Un problème est survenu du côté de Tessera. Réessayez dans un instant.',
    } as Record<string, string>,
    backToPortal: 'Retour au portail utilisateur',
  },
} satisfies Record<Language, unknown>;

/**
 * Our pages on the provider's routes: no script, no framing. No form-action either: the logout
 * form posts to the provider, which redirects to the application's post-logout URI, and browsers
 * check that redirect against form-action too (with 'self' it stopped there). What the page shows
 * is escaped; its one form is the provider's own.
 */
function send(ctx: KoaContextWithOIDC, lang: Language, title: string, body: string): void {
  ctx.set('content-security-policy', PROVIDER_PAGE_CSP);
  ctx.set('cache-control', 'no-store');
  ctx.set('x-content-type-options', 'nosniff');
  ctx.set('referrer-policy', 'no-referrer');
  ctx.type = 'html';
  ctx.body = page(lang, title, body);
}

function page(lang: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Tessera</title>
<style>body{font-family:system-ui,sans-serif;background:#f1f3f5;margin:0;display:grid;place-items:center;min-height:100vh}main{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;padding:2rem;max-width:26rem;width:calc(100% - 2rem)}h1{font-size:1.4rem;margin-top:0}button,a.button{font:inherit;padding:.6rem 1rem;border-radius:6px;border:1px solid #1864ab;margin:.25rem .5rem .25rem 0;cursor:pointer;text-decoration:none;display:inline-block}button.primary{background:#1864ab;color:#fff}button.secondary,a.button{background:#fff;color:#1864ab}</style>
</head><body><main>${body}</main></body></html>`;
}

/** RP-initiated logout: ask before ending the person's Tessera session. */
export async function renderLogoutPage(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const lang = requestLanguage(ctx.headers);
  const w = WORDING[lang];
  const client = ctx.oidc.client?.clientName;
  send(
    ctx,
    lang,
    w.signOut,
    `<h1>${w.signOutHeading}</h1>
<p>${client ? escapeHtml(w.askedBy(client)) : w.askedByUnknown} ${w.endsSession}</p>
${form}
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${w.yes}</button>
<button class="secondary" type="submit" form="op.logoutForm">${w.no}</button>`,
  );
}

export async function renderLogoutDonePage(ctx: KoaContextWithOIDC): Promise<void> {
  const lang = requestLanguage(ctx.headers);
  const w = WORDING[lang];
  send(ctx, lang, w.signedOut, `<h1>${w.signedOutHeading}</h1><p>${w.closeWindow}</p><a class="button" href="/login">${w.userLogin}</a>`);
}

/** Errors the provider cannot send back to a client (unknown client, bad redirect URI): shown, never redirected. */
export async function renderErrorPage(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): Promise<void> {
  const lang = requestLanguage(ctx.headers);
  const w = WORDING[lang];
  // Our own sentence for the error, in the reader's language; the provider's description is
  // English and says exactly what failed, so it follows as the technical detail.
  const reason = Object.hasOwn(w.reasons, out.error) ? w.reasons[out.error] : w.errorFallback;
  const detail = out.error_description ? `${out.error}: ${out.error_description}` : out.error;
  // A logout the application asked for fails as a sign-out, not as a sign-in.
  const signingOut = ctx.oidc?.route === 'end_session' || ctx.oidc?.route === 'end_session_confirm';
  send(
    ctx,
    lang,
    signingOut ? w.signOutErrorTitle : w.errorTitle,
    `<h1>${signingOut ? w.signOutErrorHeading : w.errorHeading}</h1>
<p>${escapeHtml(reason)}</p>
<p><small>${w.technicalDetails}: <code>${escapeHtml(detail)}</code></small></p>
<a class="button" href="/">${w.backToPortal}</a>`,
  );
}
