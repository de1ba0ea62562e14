/**
 * One jest run over every package's tests and the cross-package tests in test/.
 * Tests import the packages through their built dist (npm test builds first), so plugins discovered at run
 * time and the code under test are the same modules.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/test'],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs', target: 'ES2022', esModuleInterop: true, isolatedModules: true } }],
  },
  testTimeout: 120000,
};
