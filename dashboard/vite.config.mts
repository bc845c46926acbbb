/**
 * Builds the dashboard into dashboard/dist, which api/server.ts serves at `/` beside `/graphql`.
 * JSX is compiled by Vite's own transformer (oxc) with the automatic runtime; @vitejs/plugin-react
 * is left out because npm cannot resolve its optional Babel peers alongside jest's Babel 7, and the
 * plugin's only other gift, fast refresh in development, is not worth a forced install.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const dashboardRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: dashboardRoot,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Chart and map libraries make one large vendor chunk; the map outlines load per region on demand.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npm run dashboard:dev` talks to the API server started separately (npm start).
    proxy: { '/graphql': 'http://localhost:4000' },
  },
  test: {
    root: dashboardRoot,
    environment: 'happy-dom',
    include: ['test/**/*.test.{ts,tsx}'],
  },
});
