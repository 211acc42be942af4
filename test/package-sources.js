/**
 * Jest's map from the workspace packages' names to their TypeScript
 * sources, so tests never need a build of the packages they import.
 */
module.exports = {
  '^@meseta/proto$': '<rootDir>/proto/src/index',
  '^@meseta/proto/gen/meseta$': '<rootDir>/proto/gen/meseta',
  '^@meseta/proto/(.*)$': '<rootDir>/proto/src/$1',
  '^@meseta/runtime/(.*)$': '<rootDir>/runtime/$1',
  '^@meseta/sdk$': '<rootDir>/frameworks/sdk/index',
  '^@meseta/sdk/(.*)$': '<rootDir>/frameworks/sdk/$1',
};
