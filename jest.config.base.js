/**
 * Shared by every package's jest.config.js. ts-jest only transpiles
 * (tsconfig.jest.json sets isolatedModules); `npm test` type-checks first with `tsc -b`.
 */
const { join } = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: join(__dirname, 'tsconfig.jest.json') }],
  },
  moduleNameMapper: {
    '^@safety-graph/(shared|gateway|cli)$': join(__dirname, '$1/src'),
    '^@safety-graph/(agencies|agreements|traffic|addiction|divorce)$': join(__dirname, 'subgraphs/$1/src'),
    '^@safety-graph/test-helpers$': join(__dirname, 'test/helpers'),
  },
  testMatch: ['<rootDir>/src/**/__tests__/**/*.test.ts', '<rootDir>/e2e/**/*.test.ts'],
};
