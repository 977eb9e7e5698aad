// Tests never read the developer's data/secrets.json: fixed throwaway secrets, test mode.
process.env.NODE_ENV = 'test';
process.env.SESSION_SECRET ??= 'test-session-secret-that-is-long-enough-0123456789';
process.env.DATA_KEY ??= Buffer.alloc(32, 7).toString('base64');
process.env.HASH_KEY ??= Buffer.alloc(32, 9).toString('base64');
process.env.LOG_LEVEL ??= 'info';
process.env.RATE_LIMITS ??= 'off'; // the abuse-limit suite turns them on for itself
// The event loop's delay is watched in production; a test machine's loop is kept late by other
// suites and by synchronous SQLite, so only the overload suite turns it on for itself.
process.env.MAX_EVENT_LOOP_DELAY_MS ??= '0';
