import { defineConfig } from 'vite';

// Served by the gateway at /dashboard (gateway/src/dashboardRoute.ts); every asset comes from this build.
export default defineConfig({
  base: '/dashboard/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
