import path from 'node:path';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError } from './cli-error.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** What the built app is made from; a change in any of them makes web/dist stale. */
const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'contract'];

export type WebBuildState = 'fresh' | 'missing' | 'stale' | 'no-sources';

export function webBuildState(root = repoRoot): WebBuildState {
  if (!existsSync(path.join(root, 'web/vite.config.ts')) || !existsSync(path.join(root, 'web/index.html'))) return 'no-sources';
  const built = path.join(root, 'web/dist/index.html');
  if (!existsSync(built)) return 'missing';
  const newest = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
  return newest > statSync(built).mtimeMs ? 'stale' : 'fresh';
}

function newestMtime(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file leaves only its directory's mtime behind
  for (const entry of readdirSync(file)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(file, entry)));
  }
  return newest;
}

/**
 * `npm start` builds the web app when its build is missing or older than its sources, so that a
 * fresh clone needs nothing but `npm ci && npm start`. Vite runs in its own process: its bundler
 * would otherwise stay loaded in the server for good.
 */
export async function buildWebIfStale(root = repoRoot): Promise<void> {
  const state = webBuildState(root);
  if (state === 'fresh') return;
  if (state === 'no-sources') {
    process.stderr.write('No web app sources (web/index.html, web/vite.config.ts): serving the API only.\n');
    return;
  }
  process.stderr.write(state === 'missing' ? 'Building the web app…\n' : 'The web app changed: building it again…\n');
  const started = Date.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const vite = spawn(process.execPath, [path.join(root, 'node_modules/.bin/vite'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    vite.on('error', reject);
    vite.on('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new CliError('The web app did not build (see above). Fix it, or run `tessera start --no-build` to serve the API alone.');
  process.stderr.write(`Built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}
