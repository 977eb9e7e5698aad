import { chooseScanFile, DEMO, eventually, journey, readQrOnScreen, verifyWithPublishedKeys, type PassedVenue } from './harness';

/** The code page makes a new QR every 30 s (miniprogram/src/pages/index/index.tsx). */
const QR_PERIOD_MS = 30_000;

/**
 * Journey: a registered resident's code page, watched (R5). After he lifts the veil by scanning
 * a venue poster, the QR is read off the screen and verified as checkpoints verify it, offline
 * with the published keys and online with the server; the page's clock is then moved (a fake
 * clock installed in the browser): the live clock ticks, and across the 30-second mark the QR
 * becomes a new one, which verifies too.
 *
 * The page's clock starts 15 s behind the server's, so that jumping it to just before the next
 * 30-second mark (at most 30 s) leaves every QR it shows within what the server accepts (made
 * at most 30 s ahead of its clock, and not more than 60 s ago).
 */
journey('code-refresh', (j) => {
  let venue: PassedVenue;

  beforeAll(async () => {
    venue = await j.venue({ name: '演示书店（海岸城店）' });
  });

  it('R5: the QR read off the screen verifies; the clock ticks and after 30 s the QR is a new one that verifies too', async () => {
    const { page, errors, cspViolations } = await j.phone();
    await page.clock.install({ time: Date.now() - 15_000 });
    await j.login(page, DEMO.green);
    await page.locator('[data-testid=code-card]').waitFor();
    await page.locator('taro-button-core.scan-button').click();
    await chooseScanFile(page, venue.posterFile);
    await page.locator('[data-testid=entry]').waitFor();

    // The page's time stops first (the checks below are slow on a busy machine), 2 s before its next 30-second mark: the clock shows that time.
    const pageNow = await page.evaluate(() => Date.now());
    // (The clock only jumps forward: a mark less than 3 s away is skipped for the next one.)
    let mark = Math.ceil(pageNow / QR_PERIOD_MS) * QR_PERIOD_MS;
    if (mark - pageNow < 3_000) mark += QR_PERIOD_MS;
    await page.clock.pauseAt(mark - 2_000);
    const qr = page.locator('[data-qr]');
    await qr.waitFor();
    /**
     * The QR as the screen shows it, once it agrees with the page's data-qr. Taro's Image web
     * component puts a new picture on the screen on an animation frame, which the paused clock
     * holds back (a jump across a 30-second mark left the old picture up for good): each
     * disagreement lets the clock run one frame, a few times at most (well under a second).
     */
    const qrAsShown = async (): Promise<string> => {
      for (let frame = 0; frame < 10; frame += 1) {
        const [screen, attr] = await Promise.all([readQrOnScreen(qr), qr.getAttribute('data-qr')]);
        if (screen && screen === attr) return screen;
        await page.clock.runFor(16);
        await page.waitForTimeout(100);
      }
      const [screen, attr] = await Promise.all([readQrOnScreen(qr), qr.getAttribute('data-qr')]);
      expect(screen).toBe(attr);
      return screen!;
    };
    const clock = page.locator('[data-testid=clock]');
    await eventually(() => clock.textContent(), (v) => expect(v).toContain(shownClock(mark - 2_000)));
    const first = await qrAsShown();
    expect(first).toMatch(/^HC1:/);

    // Verified as an offline checkpoint would (the published keys), then online (the server).
    const offline = await verifyWithPublishedKeys(j.server, first!);
    expect(offline.ok && offline.code.credential.colour).toBe('green');
    expect(offline.ok && offline.code.offline).toBe(false);
    const checkpoint = await j.server.login(DEMO.checkpoint);
    const online = await j.server.api('POST', '/checkpoint/verify', { token: checkpoint, body: { code: first } });
    expect(online.status).toBe(200);
    expect(online.body).toMatchObject({ colour: 'green', name: '陈*明' });

    expect(await qr.getAttribute('data-qr')).toBe(first);
    await eventually(() => page.getByText(/秒后刷新/).textContent(), (v) => expect(v).toBe('2 秒后刷新'));
    await j.shot(page, 'before-refresh');

    // One second later the clock says so; the QR is still the same one.
    await page.clock.runFor(1_000);
    await eventually(() => clock.textContent(), (v) => expect(v).toContain(shownClock(mark - 1_000)));
    expect(await qr.getAttribute('data-qr')).toBe(first);

    // Across the mark the QR is a new one, drawn on the screen as it says.
    await page.clock.runFor(2_000);
    await eventually(() => qr.getAttribute('data-qr'), (v) => expect(v).not.toBe(first));
    await eventually(() => clock.textContent(), (v) => expect(v).toContain(shownClock(mark + 1_000)));
    await eventually(() => page.getByText(/秒后刷新/).textContent(), (v) => expect(v).toBe('29 秒后刷新'));
    const second = await qrAsShown();
    expect(second).not.toBe(first);
    await j.shot(page, 'after-refresh');

    // The new QR is made at the mark, from the same credential, and verifies both ways.
    const again = await verifyWithPublishedKeys(j.server, second!);
    expect(again.ok).toBe(true);
    if (again.ok && offline.ok) {
      expect(again.code.shownAt.getTime()).toBe(mark);
      expect(again.code.credential.codeId).toBe(offline.code.credential.codeId);
    }
    const online2 = await j.server.api('POST', '/checkpoint/verify', { token: checkpoint, body: { code: second } });
    expect(online2.status).toBe(200);
    expect(online2.body).toMatchObject({ colour: 'green', name: '陈*明' });

    expect(await cspViolations()).toEqual([]);
    expect(errors).toEqual([]);
  });
});

/** hh:mm:ss in the phone's time zone (the journeys' phones are in Asia/Shanghai). */
function shownClock(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
}
