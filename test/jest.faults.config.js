// `npm run test:faults`: fault injection and load tests, one file at a time (they restart servers and load the machine).
const base = require('../jest.config.base');

module.exports = {
  ...base,
  rootDir: __dirname,
  displayName: 'faults',
  testMatch: ['<rootDir>/faults/**/*.test.ts'],
  maxWorkers: 1,
  testTimeout: 300000,
  globalSetup: '<rootDir>/faults/globalSetup.js',
  globalTeardown: '<rootDir>/faults/globalTeardown.js',
};
