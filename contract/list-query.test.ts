import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { decodeListCursor, encodeListCursor, listQuery } from './list-query.ts';

const ID = '0b5e8a52-6f0e-4c59-9d4e-1b7f3f0a9c11';
const q = listQuery({ name: 'text', created: 'time' }, { sort: '-created', limit: 20 }, { q: z.string().optional() });

describe('list query', () => {
  it('round-trips a cursor, non-ASCII keys included', () => {
    const c = { sort: 'name', key: 'zoë ünïcode', id: ID };
    expect(decodeListCursor(encodeListCursor(c))).toEqual(c);
    expect(encodeListCursor(c)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses what no list gave out', () => {
    for (const s of ['', 'not base64!', 'bm90LWpzb24', encodeListCursor({ sort: 'name', key: 'x', id: 'nope' }), 'A'.repeat(801)]) expect(decodeListCursor(s)).toBeUndefined();
  });

  it('defaults sort and limit, and ties a cursor to its sort and key kind', () => {
    expect(q.parse({})).toEqual({ sort: '-created', limit: 20 });
    expect(q.parse({ sort: 'name', limit: '5', q: 'x' })).toEqual({ sort: 'name', limit: 5, q: 'x' });
    const byName = encodeListCursor({ sort: 'name', key: 'ada', id: ID });
    expect(q.parse({ sort: 'name', cursor: byName }).cursor).toEqual({ sort: 'name', key: 'ada', id: ID });
    expect(q.safeParse({ sort: '-name', cursor: byName }).success).toBe(false);
    const time = encodeListCursor({ sort: '-created', key: '2030-01-01T00:00:00.123456Z', id: ID });
    expect(q.safeParse({ cursor: time }).success).toBe(true);
    expect(q.safeParse({ cursor: encodeListCursor({ sort: '-created', key: '2030-01-01', id: ID }) }).success).toBe(false);
    for (const key of ['2030-13-01T00:00:00.000000Z', '2030-02-30T00:00:00.000000Z', '2031-02-29T00:00:00.000000Z', '2030-01-01T24:00:00.000000Z', '2030-01-01T23:60:00.000000Z', '0000-01-01T00:00:00.000000Z']) {
      expect(q.safeParse({ cursor: encodeListCursor({ sort: '-created', key, id: ID }) }).success, key).toBe(false);
    }
    expect(q.safeParse({ cursor: encodeListCursor({ sort: '-created', key: '2028-02-29T23:59:59.999999Z', id: ID }) }).success).toBe(true);
    expect(q.safeParse({ sort: 'email' }).success).toBe(false);
    expect(q.safeParse({ limit: 201 }).success).toBe(false);
  });
});
