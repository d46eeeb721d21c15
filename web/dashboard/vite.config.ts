// Vite's settings for the dashboard, shared by the build on start (build.ts) and dev mode (dev.ts),
// which pass them inline (configFile: false) so that one file decides both.
import react from '@vitejs/plugin-react';
import type { InlineConfig } from 'vite';
import { dashboardDist, dashboardRoot } from './paths.ts';

export function viteConfig(outDir = dashboardDist): InlineConfig {
  return {
    configFile: false,
    root: dashboardRoot,
    base: '/dashboard/',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, assetsDir: 'assets', chunkSizeWarningLimit: 1500 },
  };
}
