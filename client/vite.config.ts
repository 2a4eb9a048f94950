/**
 * Builds the Solid web client into dist/client, which the Fastify server serves (server/app.ts).
 * In development, Vite serves the client and proxies /api (HTTP and WebSocket) to the server.
 */
import { fileURLToPath } from 'node:url';
import type { IncomingMessage } from 'node:http';
import type { ClientRequest } from 'node:http';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';
// The server accepts cookie-authenticated writes only from its public origin (CSRF defence).
const serverOrigin = process.env.PUBLIC_ORIGIN ?? 'http://localhost:3000';

/**
 * The browser sends the dev server's own Origin (e.g. http://localhost:5173), which the API
 * server does not know. Only that exact origin is rewritten to the server's: a foreign Origin
 * passes through unchanged and is still refused by the server.
 */
function rewriteOwnOrigin(proxyReq: ClientRequest, req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin && req.headers.host && origin === `http://${req.headers.host}`) proxyReq.setHeader('origin', serverOrigin);
}

export default defineConfig({
  root: clientRoot,
  plugins: [solid()],
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    port: 5173,
    // shared/ (the wire contract) lives outside the client folder.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': {
        target: apiTarget,
        ws: true,
        configure: (proxy) => {
          proxy.on('proxyReq', rewriteOwnOrigin);
          proxy.on('proxyReqWs', rewriteOwnOrigin);
        },
      },
    },
  },
});
