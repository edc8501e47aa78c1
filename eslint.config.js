// One lint pass: typed rules (no floating promises) and the layering of the design card.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'net', 'child_process'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'dist/**',
      'ui/dist/**',
      'bin/**',
      'vendor/**',
      'ui/vite.config.ts',
      'eslint.config.js',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // Tests read JSON from real daemons: untyped payloads are expected there.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // harnesses implement async interfaces; some of their steps happen to be synchronous
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // crdt/ is the shared, isomorphic domain: no Node, no DOM, no other layer.
    files: ['crdt/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'crdt/ runs in the browser too: no Node imports.' },
            {
              group: ['**/node/**', '**/devices/**', '**/ui/**', '**/discovery/**'],
              message: 'crdt/ imports no other layer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['ui/**/*.ts', 'ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'ui/ runs in the browser.' },
            {
              group: ['**/node/**', '**/devices/**', '**/discovery/**'],
              message: 'ui/ talks to the daemon through its API only.',
            },
          ],
        },
      ],
    },
  },
);
