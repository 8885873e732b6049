import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Unit tests for client logic live beside the code as `*.spec.ts`; the browser tests in
// test/e2e run under Playwright instead. The Svelte plugin compiles runes in `*.svelte.ts`.
export default defineConfig({
  plugins: [svelte()],
  test: { include: ['src/**/*.spec.ts'] },
});
