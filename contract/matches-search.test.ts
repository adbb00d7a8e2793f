import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesSearch } from './matches-search.ts';

describe('matchesSearch', () => {
  it('finds a name whatever the accents typed, on either side', () => {
    expect(matchesSearch('equipe', 'Calendrier équipe')).toBe(true);
    expect(matchesSearch('Équipe', 'Calendrier equipe')).toBe(true);
    expect(matchesSearch('ÉLUARD', 'Paul Éluard')).toBe(true);
  });

  it('treats a decomposed accent like a composed one', () => {
    expect(matchesSearch('e\u0301quipe', 'Calendrier \u00e9quipe')).toBe(true);
    expect(foldForSearch('Cr\u00e8che')).toBe(foldForSearch('Cre\u0300che'));
  });

  it('looks in every text given, and matches everything when nothing is typed', () => {
    expect(matchesSearch('wiki', 'Team', 'The team wiki')).toBe(true);
    expect(matchesSearch('  ', 'Anything')).toBe(true);
    expect(matchesSearch('paie', 'Calendrier équipe', 'Les congés')).toBe(false);
  });
});
