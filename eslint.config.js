// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

// The core (domain, plans, service) stays platform-free so it can be tested without I/O
// and so a chat SDK or database can be swapped at the edge (DESIGN.md, "The core imports no platform").
const platformPackages = [
  '@slack/*',
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  '@prisma/*',
  'prisma',
  'pg',
  '@electric-sql/*',
  'pglite-prisma-adapter',
  'node-cron',
  '**/generated/**',
  '**/store/**',
  '**/adapters/**',
  '**/scheduler/**',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'src/generated/', 'var/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Layout belongs to Prettier (`npm run lint` checks it); ESLint keeps to what code means.
  prettier,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/plans/**/*.ts', 'src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: platformPackages,
              message:
                'src/domain, src/plans and src/service import no platform, ORM, database or cron package (DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/service/clocks/system-clock.ts'],
    rules: {
      // Only SystemClock reads the wall clock; everything else takes `now` from the injected Clock.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use the injected Clock / a `now` argument.',
        },
        {
          selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']",
          message: 'Use the injected Clock / a `now` argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected Clock / a `now` argument.',
        },
      ],
    },
  },
);
