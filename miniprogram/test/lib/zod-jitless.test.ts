/**
 * The H5 app runs under a Content-Security-Policy without 'unsafe-eval' (and mini-programs have
 * no eval): building the shared zod schemas must not try `new Function`, which the browser
 * reports as a CSP violation even when zod catches the refusal (the browser tests saw it on the
 * records, relatives and venues pages).
 */
describe('zod in the app', () => {
  const RealFunction = globalThis.Function;
  let evals: number;

  beforeEach(() => {
    jest.resetModules();
    delete (globalThis as { __zod_globalConfig?: unknown }).__zod_globalConfig;
    evals = 0;
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args) {
        evals += 1;
        return Reflect.construct(target, args);
      },
    });
  });
  afterEach(() => {
    globalThis.Function = RealFunction;
  });

  it('serving under CSP (issue 5 item 9): with the app started, building and using the shared schemas asks for no eval', () => {
    require('../../src/lib/zod-jitless');
    const { bindRelativeRequest, applyVenueRequest } = require('@health-code/shared');
    expect(bindRelativeRequest.safeParse({ name: '陈小禾', idNumber: 'x' }).success).toBe(true);
    expect(applyVenueRequest.safeParse({}).success).toBe(false);
    expect(evals).toBe(0);
  });

  it('without it, zod probes eval as the first object schema is built (what the setting prevents)', () => {
    require('@health-code/shared');
    expect(evals).toBeGreaterThan(0);
  });
});
