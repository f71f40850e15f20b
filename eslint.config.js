// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** The console's features: none imports another (imports flow app → features → shared). */
const features = readdirSync(new URL('./web/src/features', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', '.test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The architecture's walls (docs/ARCHITECTURE.md): what may import what, and no cycles.
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // Without a parser for .ts files import-x cannot read a dependency's imports (no cycles found).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: [
            'common/tsconfig.json',
            'server/tsconfig.json',
            'web/tsconfig.json',
            'e2e/tsconfig.json',
          ],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './server/src/platform',
              from: ['./server/src/modules', './server/src/commands'],
              message:
                'The platform serves every module and command and knows none: pass what it needs in from app.ts.',
            },
            {
              target: './server/src/db',
              from: ['./server/src/platform', './server/src/modules', './server/src/commands'],
              message:
                'The database layer imports neither the platform, the modules nor the commands.',
            },
            {
              target: [
                './server/src/platform',
                './server/src/modules',
                './server/src/commands',
                './server/src/db',
              ],
              from: './server/src/app.ts',
              message:
                'app.ts composes the application; what it composes never imports it (AppDeps is in platform/context.ts).',
            },
            {
              target: './web',
              from: './server',
              message: 'The console shares code with the server only through common/.',
            },
            ...features.map((feature) => ({
              target: `./web/src/features/${feature}`,
              from: './web/src/features',
              except: [`./${feature}`],
              message:
                'Features never import each other: move what they share to components/ or lib/.',
            })),
          ],
        },
      ],
      // Cycles at run time: type-only imports are erased, and the rule does not follow them.
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '19' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Every user-visible string comes from the translation files (web/src/locales): text
      // between tags, and the attributes a person reads or hears.
      'react/jsx-no-literals': [
        'error',
        {
          noStrings: true,
          ignoreProps: true,
          allowedStrings: ['·', '×', '—', ':', '/', '(', ')', '*', '…'],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'JSXAttribute[name.name=/^(aria-label|aria-description|aria-placeholder|aria-roledescription|aria-valuetext|title|alt|placeholder|label)$/] > Literal',
          message: 'User-visible text comes from the translation files: use t(…).',
        },
      ],
    },
  },
  {
    files: [
      'scripts/**',
      'server/src/cli.ts',
      'server/src/main.ts',
      'bench/**',
      'e2e/**',
      '**/*.test.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
