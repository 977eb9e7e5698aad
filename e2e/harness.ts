/**
 * The browser-test harness: the real server (server/src/main.ts as a child process on a free
 * port, SQLite in a temp file, the demo data of server/src/demo/seed.ts) serving the built H5
 * app, and Debian's Chromium driven by playwright-core with a phone's viewport.
 *
 * A journey file (e2e/<journey>.test.ts) is one `journey(name, (j) => { it(...) })`: the server
 * and the browser start once for the file and stop after it; `j.phone()` opens a fresh phone
 * (its own storage, so its own login); `j.shot(page, step)` saves
 * docs/screenshots/<journey>-<step>.png. See e2e/README.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { keySetFromJwks, makeIdNumber, makeSocialCreditCode, verifyCode, verifyVenueCode, type CodeJwks, type CodeVerification, type VenueCodeVerification } from '@health-code/shared';

export const ROOT = resolve(__dirname, '..');
export const APP_DIR = resolve(ROOT, process.env.E2E_APP_DIR ?? 'miniprogram/dist/h5');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for Debian's Chromium in a container: no sandbox, no GPU, nothing fetched from outside. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A phone: iPhone 12-14 sized viewport. */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

/** The development-platform login codes of server/src/demo/seed.ts. */
export const DEMO = {
  /** 陈晓明: green, vaccinated; guardian of 陈奶奶 and 陈小宝. */
  green: 'demo-green',
  /** 林雨桐: yellow (declared fever). */
  yellow: 'demo-yellow',
  /** 赵建国: red (positive test). */
  red: 'demo-red',
  /** 周新民: not registered yet (the seed prints his synthetic ID number). */
  newcomer: 'demo-newcomer',
  official: 'demo-official',
  checkpoint: 'demo-checkpoint',
} as const;

// ---------------------------------------------------------------- prerequisites

/** Why the browser tests cannot run here, or null when they can. */
export function missingPrerequisite(): string | null {
  const shown = APP_DIR.startsWith(ROOT) ? relative(ROOT, APP_DIR) : APP_DIR;
  if (!existsSync(join(APP_DIR, 'index.html'))) return `the H5 app is not built (${shown}/index.html missing): run \`npm run build:h5 -w miniprogram\``;
  if (!existsSync(CHROMIUM)) return `Chromium is not at ${CHROMIUM}: \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`;
  return null;
}

// ---------------------------------------------------------------- the server

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
}

export interface TestServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The temp folder of its database and secrets (removed at stop). */
  dir: string;
  /** What the server printed (stdout and stderr), for failure messages. */
  output(): string;
  /** A call to /api/v1 (paths as in docs/openapi.json, without the prefix). */
  api<T = any>(method: string, path: string, opts?: { token?: string; body?: unknown; lang?: string }): Promise<ApiAnswer<T>>;
  /** A session token for a development-platform login code (DEMO.*, or any new code). */
  login(code: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * fetch, sent once more on a new connection when the kept-alive one it took was already closed:
 * the server closes a connection after 5 s of idleness, and a test's own work (jsQR decoding a
 * poster takes seconds on a busy machine) can hold the event loop so that fetch has not yet
 * seen the close. Such a request never reached the server ("other side closed").
 */
export async function fetchToServer(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw err;
    return fetch(url, init);
  }
}

/**
 * Starts server/src/main.ts as `npm start` does (tsx), on a free port, with a fresh SQLite file,
 * fresh secrets and the demo data, serving APP_DIR. `env` overrides any setting.
 */
export async function startServer(opts: { env?: Record<string, string> } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hc-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Fresh secrets for a fresh database, generated into the temp folder.
  for (const name of ['SESSION_SECRET', 'DATA_KEY', 'HASH_KEY', 'TEST_DATABASE_URL', 'REDIS_URL']) delete env[name];
  Object.assign(env, {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'e2e.sqlite')}`,
    SECRETS_FILE: join(dir, 'secrets.json'),
    APP_DIR,
    DEMO_DATA: 'true',
    LOGIN_PROVIDER: 'dev',
    SMS_PROVIDER: 'dev',
    FACE_CHECK_PROVIDER: 'dev',
    LOG_LEVEL: 'warn',
    // Every phone of every journey logs in from 127.0.0.1: the per-address limits would bite.
    RATE_LIMITS: 'off',
    ...opts.env,
  });
  const tsx = require.resolve('tsx/cli');
  const child: ChildProcess = spawn(process.execPath, [tsx, 'server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => fail(new Error('the server did not start within 90 s')), 90_000);
    const onData = () => {
      const match = /Health Code server:\s+(http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        resolveUrl(match[1]);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`the server exited (code ${code}) before listening`));
    function fail(err: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}:\n${output}`));
    }
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });

  const api = async <T>(method: string, path: string, o: { token?: string; body?: unknown; lang?: string } = {}): Promise<ApiAnswer<T>> => {
    const headers: Record<string, string> = { 'accept-language': o.lang ?? 'zh-CN' };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetchToServer(`${url}/api/v1${path}`, { method: method.toUpperCase(), headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    } catch (err) {
      // No answer at all: say whether the server is still running, and what it printed last.
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      const state = child.exitCode !== null || child.signalCode !== null ? `the server has exited (${child.exitCode ?? child.signalCode})` : 'the server is still running';
      throw new Error(`${method.toUpperCase()} ${path}: ${(err as Error).message}${cause ? ` (${cause})` : ''}; ${state}; it printed last:\n${output.slice(-4000)}`);
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body: body as T };
  };

  return {
    url,
    dir,
    output: () => output,
    api,
    async login(code) {
      const answer = await api<{ token: string }>('POST', '/auth/login', { body: { platform: 'dev', code } });
      if (answer.status !== 200) throw new Error(`login ${code}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.token;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((done) => child.once('exit', () => done()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- the browser

/**
 * Fonts for Chinese text: the Noto Sans SC files the server already installs (npm) for its
 * posters, added to the system's fontconfig, so screenshots show characters, not boxes, on a
 * machine with no CJK fonts.
 */
function fontconfigFile(): string {
  const dir = join(tmpdir(), 'hc-e2e-fonts');
  mkdirSync(dir, { recursive: true });
  const fontDir = (file: string) => dirname(require.resolve(`@expo-google-fonts/noto-sans-sc/${file}`, { paths: [join(ROOT, 'server')] }));
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${fontDir('400Regular/NotoSansSC_400Regular.ttf')}</dir>
  <dir>${fontDir('700Bold/NotoSansSC_700Bold.ttf')}</dir>
  <cachedir>${join(dir, 'cache')}</cachedir>
</fontconfig>
`,
  );
  return file;
}

/** Debian's Chromium, headless, with a fresh profile (Playwright makes a new --user-data-dir per launch). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    env: { ...process.env, FONTCONFIG_FILE: fontconfigFile() },
  });
}

export interface Phone {
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations the page reported (expected: none). */
  cspViolations(): Promise<string[]>;
  /** Uncaught page errors and console errors, less a missing favicon. */
  errors: string[];
  /** The app's localStorage items (hc.*), to start another phone where this one is. */
  storage(): Promise<Record<string, string>>;
}

export interface PhoneOptions {
  /** The app's own settings (src/state/settings.ts) as the settings page saves them: Chinese, normal type unless told. */
  settings?: { lang?: 'zh' | 'en'; elder?: boolean };
  /** The browser's language (Accept-Language): follows settings.lang unless told. */
  locale?: 'zh-CN' | 'en-US';
  /** 2 (a phone's sharpness) unless told. */
  deviceScaleFactor?: number;
  /** localStorage items to start with, as another phone's `storage()` read them (e.g. its session). */
  storage?: Record<string, string>;
}

/** A fresh phone: its own storage, so its own login and settings. */
export async function openPhone(browser: Browser, opts: PhoneOptions = {}): Promise<Phone> {
  const context = await browser.newContext({
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: opts.deviceScaleFactor ?? 2,
    isMobile: true,
    hasTouch: true,
    locale: opts.locale ?? (opts.settings?.lang === 'en' ? 'en-US' : 'zh-CN'),
    timezoneId: 'Asia/Shanghai',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 HealthCodeE2E',
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'} ${e.sample}`.trim()));
  });
  // Taro's H5 storage keeps { data } as JSON under each key. Set before the app first reads
  // them, and only once: the app's own changes are kept across reloads.
  const initial: Record<string, string> = { ...opts.storage };
  if (opts.settings) initial['hc.settings'] = JSON.stringify({ data: { lang: 'zh', elder: false, ...opts.settings } });
  if (Object.keys(initial).length > 0) {
    await context.addInitScript((items) => {
      try {
        if (localStorage.getItem('e2e.seeded')) return;
        for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value);
        localStorage.setItem('e2e.seeded', '1');
      } catch {
        // about:blank has no storage
      }
    }, initial);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/favicon/.test(msg.location().url ?? '')) errors.push(`console: ${msg.text()}`);
  });
  return {
    context,
    page,
    errors,
    cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []),
    storage: () => page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([key]) => key.startsWith('hc.')))),
  };
}

// ---------------------------------------------------------------- the app's own steps

/** The app's hash-router address of a page: appUrl(url, '/pages/login/index'). */
export function appUrl(serverUrl: string, page = '/pages/index/index', query = ''): string {
  return `${serverUrl}/#${page}${query ? `?${query}` : ''}`;
}

/**
 * Logs in on H5 as a person would: the login page's development box (a browser user id, which
 * the H5 build sends to the development provider), then "switch user". A registered person
 * lands on the code page; an unregistered one stays on the registration form.
 */
export async function loginH5(page: Page, serverUrl: string, code: string, opts: { registered?: boolean } = {}): Promise<void> {
  await page.goto(appUrl(serverUrl, '/pages/login/index'));
  const box = page.locator('[data-testid=h5-login]');
  await box.locator('input').fill(code);
  await box.locator('taro-button-core').click();
  if (opts.registered === false) {
    await page.waitForFunction(() => !!localStorage.getItem('hc.session'));
  } else {
    await page.waitForURL(/#\/pages\/index\/index/);
  }
}

/**
 * Picks a picture in the H5 scanner (src/platform/scanner.h5.ts): the scanner layer must be
 * open (the page's scan button was tapped); the file is chosen as through "choose a picture".
 */
export async function chooseScanFile(page: Page, file: string): Promise<void> {
  const input = page.locator('input[type=file][data-testid=scan-file]');
  await input.waitFor({ state: 'attached' });
  await input.setInputFiles(file);
}

/**
 * Milliseconds from the start of a fresh page load of `url` to the moment `selector` is in
 * the page, read in the browser (performance.now() counts from navigation start).
 */
export async function timeToSelector(page: Page, url: string, selector: string, timeout = 30_000): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  const handle = await page.waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : 0), selector, { polling: 'raf', timeout });
  return Math.round((await handle.jsonValue()) as number);
}

/** Reads a QR code from a PNG (a screenshot, a poster): its text, or null when none is found. */
export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/**
 * What a camera pointed at the screen would read: the element as it is drawn (clipping and all),
 * decoded. Saved to `file` too when given, e.g. to choose it in another phone's scanner.
 */
export async function readQrOnScreen(element: Locator, file?: string): Promise<string | null> {
  const png = await element.screenshot({ animations: 'disabled', ...(file ? { path: file } : {}) });
  return decodeQrPng(png);
}

/** Saves docs/screenshots/<journey>-<step>.png (what the phone shows, or the whole page). */
export async function screenshot(page: Page, journeyName: string, step: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${journeyName}-${step}.png`);
  // The clock and caret move: let animations finish so the picture is of a settled page.
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false, animations: 'disabled', caret: 'hide' });
  return file;
}

// ---------------------------------------------------------------- Taro's H5 components, as a person uses them

/**
 * Reads what the page shows until `check` (jest expectations) passes, for a page that gets
 * there in its own time; after `timeout` ms the last failed expectation is thrown.
 */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeout = 10_000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (err) {
      if (Date.now() > until) throw err;
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/** A form field of the page (`.field`: its label, its input, its error under it) by the label's exact text. */
export function fieldOf(page: Page, label: string): Locator {
  return page.locator('.field').filter({ has: page.locator('.field-label').getByText(label, { exact: true }) });
}

/** A computed style of an element as the browser draws it, e.g. cssOf(block, 'background-color'). */
/** Opens a passed venue from the owner's list and waits for its facts and its poster's preview to be drawn. */
export async function openPassedVenue(page: Page, item: Locator): Promise<void> {
  await item.click();
  await page.waitForURL(/#\/venues\/pages\/detail\/index\?id=/);
  await page.locator('.venue-facts').filter({ visible: true }).waitFor();
  expect((await page.locator('.venue-status').filter({ visible: true }).textContent())?.trim()).toBe('已通过');
  const preview = page.locator('.venue-poster img');
  await preview.waitFor();
  await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await preview.elementHandle());
}

export function cssOf(element: Locator, property: string): Promise<string> {
  return element.evaluate((el, name) => getComputedStyle(el).getPropertyValue(name), property);
}

/** Taro H5's picker wheel: rows are 34 px, the chosen one sits in the band 102 px below the wheel's top. */
const WHEEL_ROW = 34;
const WHEEL_BAND = 102;

/**
 * Chooses `label` in a Taro `Picker` (mode selector) as a finger would on H5: taps the field,
 * which slides up Taro's wheel from the bottom of the screen, taps the rows towards the wanted
 * one until it sits in the middle band (a tap on a row turns the wheel to it), then taps 确定
 * (or `ok`, the confirm label).
 */
export async function pickOption(page: Page, trigger: Locator, label: string, ok = '确定'): Promise<void> {
  await trigger.click();
  // Each picker keeps its wheel in <body>; the open one is the one shown (its holder has no size).
  const sheet = page.locator('.weui-picker').filter({ visible: true });
  await sheet.waitFor();
  const wheel = sheet.locator('.weui-picker__bd');
  const items = sheet.locator('.weui-picker__item');
  const texts = (await items.allTextContents()).map((t) => t.trim());
  const wanted = texts.indexOf(label);
  if (wanted < 0) throw new Error(`the picker offers no "${label}": ${texts.join(' / ')}`);
  // Let the wheel finish sliding up before measuring it.
  await page.waitForFunction((el) => Math.abs(el.getBoundingClientRect().bottom - window.innerHeight) < 1, await wheel.elementHandle(), { timeout: 5_000 });
  const box = (await wheel.boundingBox())!;
  const x = box.x + box.width / 2;
  for (let step = 0; step < 40; step += 1) {
    const row = (await items.nth(wanted).boundingBox())!;
    const offset = Math.round((row.y - (box.y + WHEEL_BAND)) / WHEEL_ROW);
    if (offset === 0) break;
    // The row itself when it is on the wheel, else the last row shown towards it.
    const rows = Math.max(-3, Math.min(3, offset));
    await page.mouse.click(x, box.y + WHEEL_BAND + rows * WHEEL_ROW + WHEEL_ROW / 2);
    // The wheel turns in 0.3 s.
    await page.waitForTimeout(350);
  }
  const row = (await items.nth(wanted).boundingBox())!;
  if (Math.round((row.y - (box.y + WHEEL_BAND)) / WHEEL_ROW) !== 0) throw new Error(`the picker did not turn to "${label}"`);
  const confirm = sheet.locator('.weui-picker__action', { hasText: ok });
  const held = await confirm.elementHandle();
  await confirm.click();
  await held!.waitForElementState('hidden');
}

/** A file the page downloads when `act` runs (H5 saves images and PDFs as downloads): its name and bytes. */
export async function downloadOf(page: Page, act: () => Promise<unknown>): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), act()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), body: readFileSync(file) };
}

/** Whether the bytes are a PNG file (its 8-byte signature). */
export function isPng(body: Buffer): boolean {
  return body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

/**
 * Verifies a personal code's text as an offline checkpoint does: the shared verifier with the
 * keys the server publishes at /.well-known/jwks.json (R8, R27).
 */
export async function verifyWithPublishedKeys(server: TestServer, text: string, now = new Date()): Promise<CodeVerification> {
  const jwks = (await (await fetchToServer(`${server.url}/.well-known/jwks.json`)).json()) as CodeJwks;
  return verifyCode(text, { keys: keySetFromJwks(jwks), now });
}

/** Verifies a venue poster's QR text as the app's scanner does offline: the shared verifier with the published keys (R14). */
export async function verifyVenueWithPublishedKeys(server: TestServer, text: string): Promise<VenueCodeVerification> {
  const jwks = (await (await fetchToServer(`${server.url}/.well-known/jwks.json`)).json()) as CodeJwks;
  return verifyVenueCode(text, keySetFromJwks(jwks));
}

// ---------------------------------------------------------------- data made through the API

let residentSeq = 0;

export interface RegisteredResident {
  /** The development login code: `j.login(page, resident.code)` logs a phone in as him. */
  code: string;
  name: string;
  /** The synthetic ID number, whole (what an official types; no screen should show it whole). */
  idNumber: string;
  phone: string;
  /** A session token of his account. */
  token: string;
}

/**
 * A fresh resident registered as people register (R1): a new development login, an SMS code
 * sent to his phone and read from the development outbox, his real name and a synthetic ID
 * number with a valid check character. Nobody else's records touch him: no scans, green.
 */
export async function registeredResident(server: TestServer, opts: { name?: string; birthDate?: string; sex?: 'male' | 'female' } = {}): Promise<RegisteredResident> {
  residentSeq += 1;
  const code = `e2e-resident-${process.pid}-${residentSeq}`;
  const name = opts.name ?? `测试居民${'甲乙丙丁戊己庚辛壬癸'[residentSeq % 10]}`;
  // Sequence numbers away from the demo data's 901-906.
  const idNumber = makeIdNumber({ region: '440305', birthDate: opts.birthDate ?? '1985-05-20', sex: opts.sex ?? 'female', seq: 300 + residentSeq });
  const phone = `1370000${String(1000 + residentSeq).slice(-4)}`;
  const accountToken = await server.login(code);
  const sent = await server.api('POST', '/sms/send', { token: accountToken, body: { phone } });
  if (sent.status !== 202) throw new Error(`sms for ${name}: ${sent.status} ${JSON.stringify(sent.body)}`);
  const outbox = await server.api<{ code: string }>('POST', '/dev/sms/latest', { body: { phone } });
  if (outbox.status !== 200) throw new Error(`sms outbox for ${name}: ${outbox.status} ${JSON.stringify(outbox.body)}`);
  const registered = await server.api<{ token: string }>('POST', '/residents/register', { token: accountToken, body: { name, idNumber, phone, smsCode: outbox.body.code } });
  if (registered.status !== 201) throw new Error(`registration of ${name}: ${registered.status} ${JSON.stringify(registered.body)}`);
  return { code, name, idNumber, phone, token: registered.body.token };
}

let venueSeq = 0;

export interface PassedVenue {
  id: string;
  name: string;
  /** The poster PNG the server rendered, in the server's temp folder. */
  posterFile: string;
  /** The owner's session token. */
  ownerToken: string;
}

/**
 * A passed venue code made as people make it: the owner (a registered demo resident) applies,
 * the demo official passes it, and the owner downloads its poster PNG (R10-R13).
 */
export async function passedVenuePoster(server: TestServer, opts: { owner?: string; name?: string; address?: string } = {}): Promise<PassedVenue> {
  venueSeq += 1;
  const ownerToken = await server.login(opts.owner ?? DEMO.yellow);
  const categories = await server.api<{ categories: Array<{ id: string; mobile: boolean; active: boolean; nameZh: string }> }>('GET', '/venue-categories', { token: ownerToken });
  const category = categories.body.categories.find((c) => c.active && !c.mobile);
  if (!category) throw new Error(`no fixed-venue category: ${JSON.stringify(categories.body)}`);
  const name = opts.name ?? `演示便利店（科技园${venueSeq}号店）`;
  const applied = await server.api<{ id: string }>('POST', '/me/venues', {
    token: ownerToken,
    body: {
      name,
      categoryId: category.id,
      address: opts.address ?? `广东省深圳市南山区科技园路 ${venueSeq} 号`,
      region: '440305',
      socialCreditCode: makeSocialCreditCode(700 + venueSeq),
      unitName: '演示商贸有限公司',
      contactPhone: '13900007001',
    },
  });
  if (applied.status !== 201 && applied.status !== 200) throw new Error(`venue application: ${applied.status} ${JSON.stringify(applied.body)}`);
  const official = await server.login(DEMO.official);
  const passed = await server.api('POST', `/officials/venues/${applied.body.id}/approve`, { token: official });
  if (passed.status !== 200) throw new Error(`venue approval: ${passed.status} ${JSON.stringify(passed.body)}`);
  const poster = await fetchToServer(`${server.url}/api/v1/me/venues/${applied.body.id}/poster.png`, { headers: { authorization: `Bearer ${ownerToken}` } });
  if (poster.status !== 200) throw new Error(`poster: ${poster.status} ${await poster.text()}`);
  const posterFile = join(server.dir, `poster-${applied.body.id}.png`);
  writeFileSync(posterFile, Buffer.from(await poster.arrayBuffer()));
  return { id: applied.body.id, name, posterFile, ownerToken };
}

// ---------------------------------------------------------------- a journey file

export interface Journey {
  readonly name: string;
  readonly server: TestServer;
  readonly browser: Browser;
  /** A fresh phone, closed at the end of the file. */
  phone(opts?: PhoneOptions): Promise<Phone>;
  /** docs/screenshots/<journey>-<step>.png */
  shot(page: Page, step: string, opts?: { fullPage?: boolean }): Promise<string>;
  /** loginH5 on this journey's server. */
  login(page: Page, code: string, opts?: { registered?: boolean }): Promise<void>;
  /** appUrl on this journey's server. */
  url(page?: string, query?: string): string;
  /** passedVenuePoster on this journey's server. */
  venue(opts?: Parameters<typeof passedVenuePoster>[1]): Promise<PassedVenue>;
  /** registeredResident on this journey's server. */
  resident(opts?: Parameters<typeof registeredResident>[1]): Promise<RegisteredResident>;
}

/**
 * One journey per file: `journey('scan-venue', (j) => { it('R16: ...', async () => { ... }) })`.
 * The server and the browser start before the file's tests and stop after them. Without a
 * built app or Chromium the tests are skipped with the reason, except in CI (CI=true), where
 * both are installed by .ci/run and a missing one fails the tests.
 */
export function journey(name: string, body: (j: Journey) => void, opts: { env?: Record<string, string> } = {}): void {
  const missing = missingPrerequisite();
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const phones: Phone[] = [];
  const need = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is not started (the journey's beforeAll failed)`);
    return value;
  };
  const j: Journey = {
    name,
    get server() {
      return need(server, 'the server');
    },
    get browser() {
      return need(browser, 'the browser');
    },
    async phone(o) {
      const phone = await openPhone(need(browser, 'the browser'), o);
      phones.push(phone);
      return phone;
    },
    shot: (page, step, o) => screenshot(page, name, step, o),
    login: (page, code, o) => loginH5(page, need(server, 'the server').url, code, o),
    url: (page, query) => appUrl(need(server, 'the server').url, page, query),
    venue: (o) => passedVenuePoster(need(server, 'the server'), o),
    resident: (o) => registeredResident(need(server, 'the server'), o),
  };

  if (missing && !process.env.CI) {
    process.stderr.write(`\nBrowser tests of journey "${name}" skipped: ${missing}.\n`);
    describe.skip(`${name} (skipped: ${missing})`, () => body(j));
    return;
  }
  describe(name, () => {
    beforeAll(async () => {
      if (missing) throw new Error(`the browser tests cannot run: ${missing}`);
      const [s, b] = await Promise.allSettled([startServer(opts), launchBrowser()]);
      if (s.status === 'fulfilled') server = s.value;
      if (b.status === 'fulfilled') browser = b.value;
      if (s.status === 'rejected') throw s.reason;
      if (b.status === 'rejected') throw b.reason;
    });
    afterAll(async () => {
      for (const phone of phones) await phone.context.close().catch(() => undefined);
      await browser?.close();
      await server?.stop();
    });
    body(j);
  });
}
