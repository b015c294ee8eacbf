const base = require('../jest.config.base');

module.exports = { ...base, displayName: 'e2e', testMatch: ['<rootDir>/e2e/**/*.test.ts', '<rootDir>/property/**/*.test.ts', '<rootDir>/lint/**/*.test.ts'] };
