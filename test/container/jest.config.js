/**
 * The container suite: real dockerd and runc. `npx jest -c test/container/jest.config.js`
 * starts one test Docker daemon for all files (global setup) and stops it at the end.
 * Run with the main config instead, each file starts and stops its own daemon.
 * @type {import('jest').Config}
 */
const packageSources = require('../package-sources.js');

module.exports = {
  rootDir: '../..',
  moduleNameMapper: packageSources,
  testEnvironment: 'node',
  roots: ['<rootDir>/test/container'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  testTimeout: 120000,
  maxWorkers: 1,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};
