export type RenderedMail = { subject: string; text: string; html: string };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * One layout for every mail: paragraphs and an optional button link. Values are escaped here, so a
 * template can never inject markup from an organization name or a person's name.
 */
export type MailBrand = { name?: string; accentColor?: string };

export function renderMail(subject: string, paragraphs: string[], action?: { label: string; url: string }, footer?: string, brand?: MailBrand): RenderedMail {
  // The address on a line of its own: no colon to space the French way, and easy to copy.
  const text = [...paragraphs, ...(action ? [`${action.label}\n${action.url}`] : []), ...(footer ? ['', footer] : [])].join('\n\n');
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join('');
  // The accent colour was validated as #rrggbb when the administrator saved it; checked again here.
  const accent = brand?.accentColor && /^#[0-9a-fA-F]{6}$/.test(brand.accentColor) ? brand.accentColor : '#1864ab';
  const header = brand?.name ? `<p style="margin:0 0 24px;font-weight:700;font-size:18px;color:${accent}">${escapeHtml(brand.name)}</p>` : '';
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:${accent};color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action.label)}</a></p><p style="font-size:12px;color:#666">${escapeHtml(action.url)}</p>`
    : '';
  const foot = footer ? `<p style="font-size:12px;color:#666">${escapeHtml(footer)}</p>` : '';
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#222;max-width:560px;margin:auto;padding:24px">${header}${body}${button}${foot}</body></html>`;
  return { subject, text, html };
}
