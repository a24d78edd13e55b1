// One linter for the whole repo. Layering (DESIGN.md): web and bridge meet only in the database.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ban = (groups, paths = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths,
      patterns: groups.map((g) => ({
        group: [g],
        message: 'Imports point down only (DESIGN.md): web and bridge never import each other.',
      })),
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      'packages/cli/dist/**',
      '.studio/**',
      '.cache/**',
      '**/next-env.d.ts',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // tests read untyped JSON answers
  { files: ['**/test/**', '**/e2e/**', '**/*.test.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['packages/core/**'],
    rules: ban([
      '@agent-studio/database*',
      '@agent-studio/gateway-bridge*',
      '@agent-studio/web*',
      '@agent-studio/cli*',
    ]),
  },
  {
    files: ['packages/database/**'],
    rules: ban(['@agent-studio/gateway-bridge*', '@agent-studio/web*', '@agent-studio/cli*']),
  },
  { files: ['packages/gateway-bridge/**'], rules: ban(['@agent-studio/web*', '@agent-studio/cli*']) },
  // the web app's tests may start a bridge (on the gateway simulator) to drive actions end to end
  {
    files: ['apps/web/src/**'],
    rules: ban(
      ['@agent-studio/gateway-bridge*', '@agent-studio/cli*'],
      [
        {
          name: 'next/link',
          message: 'Use @/components/ui/link: it prefetches on intent, not again after every live refresh.',
        },
      ],
    ),
  },
  // a mutation lives in one module (server/actions/<entity>-<verb>.ts) that every entry point calls
  {
    files: ['apps/web/src/app/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^@\\/server\\/actions\\/(activity|queue)$/]',
          message:
            'Routes and server actions call a mutation module (server/actions/<entity>-<verb>.ts), which records the activity and queues the command.',
        },
      ],
    },
  },
  {
    files: ['apps/web/src/server/actions/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^(next\\/|@\\/server\\/http$|\\.\\.\\/http$)/]',
          message:
            'Mutations know nothing of HTTP: throw a DomainError (server/actions/errors.ts); server/http.ts answers it.',
        },
      ],
    },
  },
);
