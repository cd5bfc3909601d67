// The console's build: React with Vite, GOV.UK Frontend and MOJ Frontend compiled from their SCSS.
// `npm run build:console` and `npm start` (infra/local/console.ts) build with this file.
// `npx vite console` serves it with hot reload, sending API calls to a running local stack.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const consoleRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const localStack = process.env.FRONTDOOR_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: consoleRoot,
  base: '/',
  plugins: [react()],
  css: {
    preprocessorOptions: {
      // MOJ Frontend loads GOV.UK Frontend as "node_modules/govuk-frontend/...", from the repository root.
      scss: { loadPaths: [repoRoot], quietDeps: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // GOV.UK Frontend keeps an old IE hack (min-width: 0\0) that Lightning CSS refuses; esbuild minifies it.
    cssMinify: 'esbuild',
    reportCompressedSize: false,
    // Rolldown's note on slow plugins is noise here (Sass takes a few seconds on the whole of GOV.UK Frontend's SCSS).
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: Object.fromEntries(['/api', '/_local', '/config.json'].map((path) => [path, { target: localStack, changeOrigin: false }])),
  },
});
