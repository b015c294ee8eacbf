/** `npm test`: every package's suite; each package's jest.config.js spreads jest.config.base.js. */
module.exports = {
  maxWorkers: 2,
  // Suites seed a whole demo into a real database in beforeAll: seconds, not milliseconds.
  testTimeout: 120000,
  projects: [
    '<rootDir>/shared',
    '<rootDir>/subgraphs/agencies',
    '<rootDir>/subgraphs/agreements',
    '<rootDir>/subgraphs/traffic',
    '<rootDir>/subgraphs/addiction',
    '<rootDir>/subgraphs/divorce',
    '<rootDir>/gateway',
    '<rootDir>/cli',
    '<rootDir>/client',
    '<rootDir>/test',
  ],
};
