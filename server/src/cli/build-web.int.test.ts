import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { webBuildState } from './build-web.ts';

describe('webBuildState', () => {
  let root: string;
  const file = (name: string, secondsAgo: number) => {
    const full = path.join(root, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, '');
    const when = new Date(Date.now() - secondsAgo * 1000);
    // Directories count too (a deleted source shows only there), so they get the same age.
    for (let p = full; p !== root; p = path.dirname(p)) utimesSync(p, when, when);
  };
  const sources = () => {
    root = mkdtempSync(path.join(tmpdir(), 'tessera-web-'));
    file('web/vite.config.ts', 100);
    file('web/index.html', 100);
    file('web/src/auth/LoginPage.tsx', 100);
    file('contract/sign-in.ts', 100);
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is missing before the first build', () => {
    sources();
    expect(webBuildState(root)).toBe('missing');
  });

  it('is fresh when the build is newer than every source', () => {
    sources();
    file('web/dist/index.html', 10);
    expect(webBuildState(root)).toBe('fresh');
  });

  it.each(['web/src/auth/LoginPage.tsx', 'contract/sign-in.ts', 'web/vite.config.ts', 'web/index.html'])('is stale after %s changes', (changed) => {
    sources();
    file('web/dist/index.html', 10);
    file(changed, 1);
    expect(webBuildState(root)).toBe('stale');
  });

  it('is stale after a source is deleted', () => {
    sources();
    file('web/src/auth/Old.tsx', 100);
    file('web/dist/index.html', 10);
    rmSync(path.join(root, 'web/src/auth/Old.tsx'));
    expect(webBuildState(root)).toBe('stale');
  });

  it('has nothing to build without web sources', () => {
    root = mkdtempSync(path.join(tmpdir(), 'tessera-web-'));
    expect(webBuildState(root)).toBe('no-sources');
  });
});
