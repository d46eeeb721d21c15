// `npm run dashboard:dev`: Vite's dev server with hot reload at http://localhost:5173/dashboard/,
// the API calls proxied to a running `npm start` (API_URL, default http://localhost:3000).
import { createServer } from 'vite';
import { viteConfig } from './vite.config.ts';

const api = process.env.API_URL ?? 'http://localhost:3000';
const server = await createServer({
  ...viteConfig(),
  logLevel: 'info',
  server: { port: Number(process.env.DASHBOARD_DEV_PORT ?? 5173), proxy: { '/admin': api, '/store': api } },
});
await server.listen();
server.printUrls();
