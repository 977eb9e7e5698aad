// One jest run covers every workspace. TEST_DATABASE_URL picks the database the server
// suites use (SQLite in memory by default; mysql://... for MariaDB / MySQL).
/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { diagnostics: false }];
const server = {
  displayName: 'server',
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  roots: ['<rootDir>/shared/test', '<rootDir>/server/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/server/test/setup-env.ts'],
};
// The app's pages under jsdom, with Taro's API and components replaced by small stand-ins
// (miniprogram/test/mocks); the real Taro runtime is exercised by the browser tests.
const app = {
  displayName: 'app',
  testEnvironment: 'jsdom',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false, tsconfig: { jsx: 'react-jsx', module: 'commonjs', esModuleInterop: true, target: 'ES2020' } }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  roots: ['<rootDir>/miniprogram/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/e2e/'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/miniprogram/test/mocks/taro.ts',
    '^@tarojs/components$': '<rootDir>/miniprogram/test/mocks/components.tsx',
    '\\.css$': '<rootDir>/miniprogram/test/mocks/style.ts',
    '^@/(.*)$': '<rootDir>/miniprogram/src/$1',
  },
  setupFiles: ['<rootDir>/miniprogram/test/setup.ts'],
};
// Browser tests: the real server (a child process on a free port, SQLite in a temp file, demo
// data) serving the built H5 app, driven through Debian's Chromium by playwright-core
// (e2e/harness.ts). They save screenshots into docs/screenshots/.
const e2e = {
  displayName: 'e2e',
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/e2e/setup.ts'],
};
module.exports = { projects: [server, app, e2e], testTimeout: 30000 };
