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

/** The core's import rule for one layer: no platform package, and nothing from the layers above it. */
function coreLayer(files, above, why) {
  return {
    files: [files],
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
            ...(above.length > 0 ? [{ group: above, message: `${why} and imports nothing from above it.` }] : []),
          ],
        },
      ],
    },
  };
}

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
  // The core imports downward only: service → plans → domain, so the pure rules never depend on use cases.
  coreLayer('src/domain/**/*.ts', ['**/plans/**', '**/service/**'], 'src/domain is the bottom layer'),
  coreLayer('src/plans/**/*.ts', ['**/service/**'], 'src/plans sits under src/service'),
  coreLayer('src/service/**/*.ts', [], 'src/service is the top of the core'),
  {
    // One door to the database: only src/store and the composition roots (main.ts, cli/) touch
    // Prisma. Adapters, the scheduler and metrics reach storage through ports and interfaces.
    files: ['src/adapters/**/*.ts', 'src/scheduler/**/*.ts', 'src/metrics/**/*.ts', 'src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@prisma/*', 'prisma', 'pg', '@electric-sql/*', '**/generated/**', '**/store/**'],
              message:
                'Only src/store and the composition roots touch the database; declare a port (service/ports) or an interface next to the adapter.',
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
