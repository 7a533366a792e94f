import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The engine is pure TypeScript: it runs in Node (CLI, tests) and in a Web Worker.
    files: ['src/engine/**/*.ts', 'src/scenario/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3', 'd3-*'],
              message: 'src/engine and src/scenario must stay free of UI libraries.',
            },
            {
              group: ['**/ui/**', '**/worker/**', '**/cli/**'],
              message: 'src/engine and src/scenario must not import the UI, the worker or the CLI.',
            },
            { group: ['node:*', 'fs', 'path', 'process'], message: 'src/engine and src/scenario must run in a browser worker too.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'requestAnimationFrame', 'HTMLElement', 'Element'].map((name) => ({
          name,
          message: 'src/engine and src/scenario must stay free of the DOM.',
        })),
        ...['self', 'postMessage', 'importScripts', 'Worker', 'MessageChannel', 'onmessage'].map((name) => ({
          name,
          message: 'src/engine and src/scenario must not talk to workers: src/worker does.',
        })),
        { name: 'process', message: 'src/engine and src/scenario must run in a browser worker too.' },
      ],
    },
  },
);
