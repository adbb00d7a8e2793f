import { describe, it, expect } from 'vitest';
import { slugify } from './org-store.ts';

describe('slugify', () => {
  it.each([
    ['Acme Corp', 'acme-corp'],
    ['  Café  Ünïcode & Co. ', 'cafe-unicode-co'],
    ['---Already-kebab---', 'already-kebab'],
  ])('%s → %s', (name, slug) => expect(slugify(name)).toBe(slug));
});
