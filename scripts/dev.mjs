#!/usr/bin/env node
// `npm run dev`: the API server on :3000 (restarted when its code changes) and Vite's dev server
// (the web app with hot reload, proxying /api to :3000) side by side. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const repoNode = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));
const node = existsSync(repoNode) ? repoNode : process.execPath;
const webOrigin = 'http://localhost:5173';

// The browser is on Vite's origin: the server's same-origin check and the links it prints and
// mails (setup, invitations, resets) must name that origin, not :3000.
const serverEnv = { ...process.env, PORT: '3000', PUBLIC_URL: process.env.PUBLIC_URL ?? webOrigin };

const children = [
  // --watch-preserve-output: a restart must not clear Vite's output from the terminal.
  spawn(node, ['--watch', '--watch-preserve-output', 'bin/tessera.mjs', 'start', '--no-build'], { cwd: root, env: serverEnv, stdio: 'inherit' }),
  spawn(node, ['node_modules/.bin/vite', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' }),
];

let exitCode;
const stopAll = (signal) => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};

for (const child of children) {
  child.on('error', (err) => {
    process.stderr.write(`Could not start ${child.spawnargs.join(' ')}: ${err.message}\n`);
    exitCode ??= 1;
    stopAll('SIGTERM');
  });
  // One of the two gone means the setup is broken: stop the other rather than half-run.
  child.on('exit', (code, signal) => {
    exitCode ??= code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1);
    stopAll('SIGTERM');
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(exitCode);
  });
}

// A terminal's Ctrl-C reaches every process in the group already; a signal sent to this one alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    exitCode ??= 0;
    stopAll(signal);
  });
}
