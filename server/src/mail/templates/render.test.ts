import { describe, it, expect } from 'vitest';
import { renderTemplate } from './index.ts';

describe('mail templates', () => {
  it('renders text and HTML in the recipient language', () => {
    const en = renderTemplate('invitation', 'en', { orgName: 'Acme', url: 'https://id.example/invite#token=abc', days: 7 });
    const fr = renderTemplate('invitation', 'fr', { orgName: 'Acme', url: 'https://id.example/invite#token=abc', days: 7 });
    expect(en.subject).toContain('Acme');
    expect(en.text).toContain('https://id.example/invite#token=abc');
    expect(fr.subject).toMatch(/^Invitation/);
    expect(fr.html).toContain('Créer votre compte');
  });

  it('escapes values in HTML so an organization name cannot inject markup', () => {
    const m = renderTemplate('invitation', 'en', { orgName: '<script>x</script>', url: 'https://id.example/i', days: 7 });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
  });
});
