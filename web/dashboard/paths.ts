// Where the dashboard's sources and build live: no import here, so the server finds its build
// without loading Vite (only a build loads vite.config.ts and Vite itself).
import { resolve } from 'node:path';

export const dashboardRoot = import.meta.dirname;
export const dashboardDist = resolve(dashboardRoot, 'dist');
