// ESLint (flat config). Type-aware typescript-eslint rules catch what the compiler lets through:
// promises nobody awaits or catches, promises passed where a plain callback is expected, and `any`
// leaking into typed code. Formatting is Prettier's job (.prettierrc), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      // Generated from the TFLite schema by `npm run gen:tflite-schema`.
      'src/core/export/tflite/generated/**',
      'out/**',
      'dist/**',
      'test-results/**',
      'playwright-report/**',
      'tests/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Already in recommendedTypeChecked; named here because they are why this linter exists.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // tf.js ops return generic tensors; the asserted rank (`as tf.Tensor2D`) documents the shape.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Handlers implement an async contract; many answer synchronously and that is fine.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a value left out on purpose (rest-destructuring, unused parameters).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // The other rules of the plugin's recommended set (set-state-in-effect, refs, immutability, purity...)
      // check what the React Compiler needs; the app is not compiled with it, and these patterns
      // (loading state set in an effect, a ref read for the latest callback) are deliberate here.
      // Props interfaces declare callbacks as methods (`onSelectAll(): void`); they never use `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests read untyped JSON and DOM values (page.evaluate runs in the browser, typed for Node here) and
    // fail loudly on a wrong shape: the `any` rules would only add casts. They still must await promises.
    files: ['tests/**/*.ts', '**/*.test.ts', '**/*.test.tsx', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // A test evaluates generated module text on purpose.
      '@typescript-eslint/no-implied-eval': 'off',
    },
  },
  {
    // Plain JavaScript (scripts, bin, this file) is in no tsconfig: lint it without type information.
    files: ['**/*.{js,mjs,cjs}', '**/*.d.mts'],
    ...tseslint.configs.disableTypeChecked,
  },
);
