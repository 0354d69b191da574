// ESLint: the recommended JavaScript and typescript-eslint rules over every TypeScript and JavaScript
// file of the project. Formatting is Prettier's job (npm run format), not ESLint's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-artifacts/', 'demo-output/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are compile errors already (noUnusedLocals/Parameters); `_` marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      // A closure that reads a variable before its one assignment cannot be const; nor can half a destructuring.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true, destructuring: 'all' }],
      // Control characters are matched on purpose: to escape them in the names and text we print.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests read the CLI's JSON reports loosely typed on purpose: a wrong field fails the assertion.
    files: ['test/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['electron/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
