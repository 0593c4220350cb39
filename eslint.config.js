// Lint rules that keep the architecture honest: shared/ stays pure, the renderer never
// reaches Node or Electron, and no `any` anywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

// Exact specifiers (paths), so our own folders named like a built-in (`shared/domain`) stay importable.
const nodeBuiltinPaths = (message) =>
  builtinModules.flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tsbuild/', 'coverage/', 'test-results/', 'bench/results/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ is pure: no Electron.' },
            ...nodeBuiltinPaths('shared/ is pure: no Node built-ins.'),
          ],
          patterns: [
            { group: ['node:*'], message: 'shared/ is pure: no Node built-ins.' },
            { group: ['react', 'react-dom', 'zustand', '**/src-*/**'], message: 'shared/ imports no app layer.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', 'localStorage', 'fetch'],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through window.agent.' },
            ...nodeBuiltinPaths('The renderer has no Node access.'),
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node access.' },
            { group: ['**/src-main/**', '**/src-server/**'], message: 'The renderer uses shared/ contracts only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/electron/ touches Electron, so services run headless.' }] },
      ],
    },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    ignores: ['src-main/electron/main.ts', 'src-main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer', 'contextBridge'],
              message: 'IPC goes through ipc-handlers.ts (given ipcMain by main.ts) and preload.ts only.',
            },
          ],
        },
      ],
    },
  },
);
