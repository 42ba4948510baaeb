import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Shared flat config: every package spreads it into its own eslint.config.js. */
export default tseslint.config(
  { ignores: ['dist/**', 'src/generated/**', '.turbo/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-console': 'off',
    },
  },
);
