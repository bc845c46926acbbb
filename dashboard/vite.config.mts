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
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Claimed first, so that the recharts group, which takes its dependencies along, leaves React
            // to the entry's own chunk.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            // Recharts and what it brings (redux, d3 scales) only serve the region, insurers and insurer
            // views: one chunk of its own, cached across them and never fetched by the sign-in page.
            { name: 'recharts', test: /node_modules[\\/]recharts[\\/]/, priority: 1 },
            // Imported dynamically when a table is exported as .xlsx; the group only names its chunk.
            { name: 'write-excel-file', test: /node_modules[\\/]write-excel-file[\\/]/, priority: 1 },
          ],
        },
      },
    },
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
