/**
 * The console's styles (web/src: tokens, base, CSS modules). Colours are named once, in the
 * tokens file; every other file uses them through var(--color-…).
 * @type {import('stylelint').Config}
 */
export default {
  extends: ['stylelint-config-standard'],
  ignoreFiles: ['**/node_modules/**', '**/dist/**'],
  rules: {
    'color-no-hex': true,
    'color-named': 'never',
    'function-disallowed-list': [
      ['rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'color-mix'],
      { message: 'Colours live in web/src/styles/tokens.css: use a var(--color-…) token.' },
    ],
    // Block__element--modifier, as the class names read in the components.
    'selector-class-pattern': [
      '^[a-z][a-z0-9]*(-[a-z0-9]+)*(__[a-z0-9]+(-[a-z0-9]+)*)?(--[a-z0-9]+([-_][a-z0-9]+)*)?$',
      { message: 'Class names are kebab-case blocks with __elements and --modifiers.' },
    ],
    // CSS modules: :global(.hook) names a class the browser tests or another module rely on.
    'selector-pseudo-class-no-unknown': [true, { ignorePseudoClasses: ['global'] }],
  },
  overrides: [
    {
      files: ['web/src/styles/tokens.css'],
      rules: { 'color-no-hex': null, 'color-named': null, 'function-disallowed-list': null },
    },
  ],
};
