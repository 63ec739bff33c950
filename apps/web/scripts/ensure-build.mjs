#!/usr/bin/env node
// Builds the web app when apps/web/dist is missing or older than its sources; otherwise does
// nothing. Run after `npm install` (postinstall) and before `npm start`, so a fresh clone serves
// the built app and a start never rebuilds needlessly.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(web, '../..');
const built = path.join(web, 'dist', 'index.html');
const inputs = ['src', 'static', 'index.html', 'portal.html', 'vite.config.ts', 'package.json'].map((p) => path.join(web, p));
inputs.push(path.join(root, 'packages/contracts/src'));

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) m = Math.max(m, newest(path.join(p, e.name)));
  return m;
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
const changedAt = Math.max(...inputs.map(newest));
if (builtAt >= changedAt) process.exit(0);

const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!fs.existsSync(vite)) {
  console.warn('civicline: the web app is not built and vite is not installed (install with dev dependencies to build it).');
  process.exit(0);
}
console.log(builtAt ? 'civicline: the web app changed; building it…' : 'civicline: building the web app…');
const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
process.exit(r.status ?? 1);
