/**
 * Builds the Solid web client into dist/client, which the Fastify server serves (server/app.ts).
 * In development, Vite serves the client and proxies /api (HTTP and WebSocket) to the server.
 */
import { fileURLToPath } from 'node:url';
import type { IncomingMessage } from 'node:http';
import type { ClientRequest } from 'node:http';
import { defineConfig, type Plugin } from 'vite';
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

/**
 * Names the reader route's chunks (DocumentPage and what it imports, beyond the shell) on the
 * document-preload script tag, which preloads them on a document's page only: they then load
 * alongside the shell instead of after it has run and the router has matched.
 */
function documentRouteModules(): Plugin {
  return {
    name: 'tashawur-document-route-modules',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        const page = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/features/documents/DocumentPage.tsx'));
        if (!page) return html;
        const modules: string[] = [];
        const styles: string[] = [];
        const seen = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = bundle[fileName];
          if (seen.has(fileName) || chunk?.type !== 'chunk') return;
          seen.add(fileName);
          if (!html.includes(fileName)) modules.push(`/${fileName}`);
          for (const css of chunk.viteMetadata?.importedCss ?? []) if (!html.includes(css) && !styles.includes(`/${css}`)) styles.push(`/${css}`);
          for (const name of chunk.imports) visit(name);
        };
        visit(page.fileName);
        const tag = '<script src="/document-preload.js"></script>';
        return html.replace(tag, `<script src="/document-preload.js" data-modules="${modules.join(' ')}" data-styles="${styles.join(' ')}"></script>`);
      },
    },
  };
}

export default defineConfig({
  root: clientRoot,
  plugins: [solid(), documentRouteModules()],
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
