/**
 * Tests run from the TypeScript sources: the workspace packages are mapped
 * to their source folders (test/package-sources.js).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: require('./test/package-sources.js'),
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  testTimeout: 60000,
  // No client config of the person running the tests leaks in (see the file).
  setupFiles: ['<rootDir>/test/setup/client-config-isolation.ts'],
};
