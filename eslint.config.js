import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Lint runs with warnings as errors (`pnpm lint` passes --max-warnings 0). Svelte
// components are checked by svelte-check (`pnpm typecheck`).
export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/build/**', '**/dist/**', '**/.svelte-kit/**', '**/test-results/**', '.tweetflow/**', 'packages/db/drizzle/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
);
