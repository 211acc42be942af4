/**
 * Builds the master's web UI (Preact, no JSX plugin: esbuild's automatic
 * JSX runtime) into dist/webui, which the master serves at `/`.
 *
 *   npx vite build --config master/webui/vite.config.ts
 *   npx vite --config master/webui/vite.config.ts   (dev server; proxies /api to MESETA_MASTER)
 */
import { defineConfig } from 'vite';
import * as path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const master = process.env.MESETA_MASTER ?? '127.0.0.1:5050';

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: path.resolve(here, '../../dist/webui'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 300,
  },
  server: { proxy: { '/api': `http://${master}` } },
});
