// One runner, four kinds of test: unit (pure pieces), workflow (time-skipping server),
// replay (recorded histories), e2e (real stack over HTTP).
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] };
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/apps/web/', '<rootDir>/dist/', '<rootDir>/data/', '<rootDir>/tools/'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,workflows,activities,libs,test}/**/*.spec.ts'] },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/**/*.workflow-spec.ts'], testPathIgnorePatterns: ['/node_modules/'] },
    {
      ...common,
      displayName: 'e2e',
      // Starting a stack takes seconds on a loaded machine; a file that sets no timeout of its own gets two minutes.
      setupFilesAfterEnv: ['<rootDir>/test/helpers/e2e-timeout.ts'],
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/helpers/e2e-global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/e2e-global-teardown.ts',
    },
  ],
};
