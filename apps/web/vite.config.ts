import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Two entry points: the staff console (index.html, served at / and /console/*) and the public
 * citizen portal (portal.html, served at /portal/*), so the portal never loads the console's code.
 * `npm run dev` proxies the API to a server on :8080.
 */
export default defineConfig({
  plugins: [react()],
  publicDir: 'static',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rollupOptions: { input: { console: here('./index.html'), portal: here('./portal.html') } },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
