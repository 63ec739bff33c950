#!/usr/bin/env node
// Prints the initial JavaScript of each page of the built web app, gzipped: the entry script and
// every module it preloads (what a browser fetches before the page can run; lazy pages excluded).
// Budgets (issue 6): portal < 250 KB, console < 600 KB. Exit code 1 when one is exceeded.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const PAGES = [
  { name: 'console', file: 'index.html', budgetKb: 600 },
  { name: 'portal', file: 'portal.html', budgetKb: 250 },
];

if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error('No build: run `npm run build -w @civicline/web` first.');
  process.exit(2);
}
const gz = (file) => gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
let over = false;
for (const page of PAGES) {
  const html = fs.readFileSync(path.join(dist, page.file), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]);
  const js = scripts.reduce((n, f) => n + gz(f), 0);
  const css = styles.reduce((n, f) => n + gz(f), 0);
  const kb = (n) => (n / 1024).toFixed(1);
  const ok = js / 1024 < page.budgetKb;
  over ||= !ok;
  console.log(`${page.name.padEnd(8)} initial JS ${kb(js).padStart(6)} KB gzipped in ${scripts.length} files (budget ${page.budgetKb} KB: ${ok ? 'within' : 'OVER'}); CSS ${kb(css)} KB`);
}
process.exit(over ? 1 : 0);
