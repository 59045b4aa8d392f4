// ESLint flat config: typescript-eslint's recommended rules, plus the promise rules that
// need type information (a forgotten await in the language server or the CLI loses an
// error). Formatting is Prettier's job (npm run format), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  require: 'readonly',
  module: 'writable',
  __dirname: 'readonly',
  Buffer: 'readonly',
};

export default tseslint.config(
  {
    ignores: ['dist/', 'out/', 'node_modules/', 'test/fixtures/', 'examples/', 'bench/.generated/', '.vscode-test/', '.e2e-cache/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Omitting a property by destructuring it away (`{ message, ...rest }`) is the idiom.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Expected text with its literal indentation reads better than ` {4}`.
      'no-regex-spaces': 'off',
      // Modules loaded on first use, each to keep the CLI's start-up fast (the call site says by how much).
      '@typescript-eslint/no-require-imports': [
        'error',
        {
          allow: [
            '^node:crypto$',
            '^node:child_process$',
            '^@lezer/python$',
            '^@lezer/common$',
            '^ajv$',
            '^yaml$',
            '^mdast-util-from-markdown$',
            '^\\./support/compose-spec\\.schema\\.json$',
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/it return promises that the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The language server registers async handlers with vscode-languageserver, which does
    // not await them; lsp/main.ts logs any rejection (process 'unhandledRejection').
    files: ['server/src/lsp/**/*.ts'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }] },
  },
  {
    // Tests match the CLI's ANSI colour escapes.
    files: ['test/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // The CLI's launcher is CommonJS, so that it runs on any Node without a loader.
    files: ['bin/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
