// One lint file. Besides the usual rules it enforces the layer rules of ENGINEERING.md §1:
// transports (http, jobs) never reach the database, domain code stays pure, contract stays isomorphic.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', '**/migrations/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['contract/src/**/*.ts'],
    rules: restrict(['node:*', '**/server/**', 'drizzle-orm*', 'pg', 'fastify*'], 'contract/ is isomorphic: zod only.'),
  },
  {
    files: ['server/src/domain/**/*.ts'],
    rules: {
      ...restrict(
        ['**/db/**', '**/services/**', '**/http/**', '**/jobs/**', '**/adapters/**', 'node:*', 'drizzle-orm*', 'pg'],
        'domain/ is pure: contract and date/time libraries only.',
      ),
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Time is passed in.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is passed in.' },
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'No environment.' },
      ],
    },
  },
  {
    files: ['server/src/http/**/*.ts', 'server/src/jobs/**/*.ts'],
    rules: restrict(
      ['**/db/**', '**/db', 'drizzle-orm*', 'pg', '@electric-sql/*'],
      'Transports call services, never the database.',
    ),
  },
  {
    files: ['server/src/services/**/*.ts'],
    rules: restrict(['**/http/**', '**/jobs/**', 'fastify*'], 'Services know nothing of transports.'),
  },
  {
    // The browser app reaches the server through HTTP only (lib/api-client.ts), typed by contract/.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', fetch: 'readonly' },
    },
    rules: restrict(
      ['**/server/**', '@loket/server*', 'node:*', 'drizzle-orm*', 'pg', 'fastify*', '@fastify/*'],
      'web/ depends on contract/ only: the browser cannot reach server code.',
    ),
  },
  {
    // Tests and benchmarks set up their own data, so they may reach past the layers they test.
    files: ['**/*.test.ts', 'server/test/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'],
    ignores: ['web/src/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-restricted-imports': 'off' },
  },
);
