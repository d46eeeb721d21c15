// Vite's settings for the dashboard, shared by the build on start (build.ts) and dev mode (dev.ts),
// which pass them inline (configFile: false) so that one file decides both.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { InlineConfig } from 'vite';

export const dashboardRoot = import.meta.dirname;
export const dashboardDist = resolve(dashboardRoot, 'dist');

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
