// One jest run covers every workspace. TEST_DATABASE_URL picks the database the server
// suites use (SQLite in memory by default; mysql://... for MariaDB / MySQL).
/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { diagnostics: false }];
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  roots: ['<rootDir>/shared/test', '<rootDir>/server/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/server/test/setup-env.ts'],
  testTimeout: 30000,
};
