import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

let dist: string;
let t: TestApp;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'tessera-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<script type="module" src="/assets/index-old.js"></script>');
  writeFileSync(path.join(dist, 'assets', 'index-old.js'), 'console.log("old")');
  t = await createTestApp({}, { webDist: dist });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the web app', () => {
  it('serves the page for app routes, and its scripts as scripts, cached for good', async () => {
    const page = await t.app.inject({ url: '/security' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const script = await t.app.inject({ url: '/assets/index-old.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['cache-control']).toContain('immutable');
  });

  it('serves what a rebuild made while it runs, and answers a missing asset with 404, not the page', async () => {
    writeFileSync(path.join(dist, 'assets', 'index-new.js'), 'console.log("new")');
    writeFileSync(path.join(dist, 'index.html'), '<script type="module" src="/assets/index-new.js"></script>');
    expect((await t.app.inject({ url: '/' })).body).toContain('index-new.js');
    const fresh = await t.app.inject({ url: '/assets/index-new.js' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.body).toContain('new');
    const missing = await t.app.inject({ url: '/assets/index-gone.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).not.toMatch(/text\/html/);
  });
});
