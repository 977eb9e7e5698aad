import { chooseScanFile, DEMO, readQrOnScreen, timeToSelector, type PassedVenue, type Phone } from './harness';
import { writeSection } from '../scripts/bench/lib/performance-doc';
import { machineLine } from '../scripts/bench/lib/machine';
import { journey } from './harness';

/**
 * Journey (b): the demo green resident (陈晓明) opens his code: the colour and the vaccination
 * badge show, the QR is veiled (R6, R7). He scans the poster of a passed venue, rendered by the
 * server and chosen as a picture in the H5 scanner: the entry is recorded and the veil lifts
 * with the venue's name (R16).
 */
journey('scan-venue', (j) => {
  let venue: PassedVenue;
  let phone: Phone;

  beforeAll(async () => {
    // Applied for by the demo yellow resident, passed by the demo official, poster downloaded.
    venue = await j.venue({ name: '演示便利店（科技园店）' });
  });

  it('R6: the registered green resident sees his colour, the badge, and a veiled QR', async () => {
    phone = await j.phone();
    const { page } = phone;
    await j.login(page, DEMO.green);
    const card = page.locator('[data-testid=code-card]');
    await card.waitFor();
    expect(await card.getAttribute('data-colour')).toBe('green');
    await page.locator('[data-testid=vaccinated]').waitFor();
    await page.locator('[data-testid=veil]').waitFor();
    expect(await page.locator('[data-qr]').count()).toBe(0);
    await j.shot(page, 'code-page');
  });

  it('R5: opening the app shows the code page with its colour soon after navigation (measured)', async () => {
    // A second phone holding only the first one's login: no cached scripts, no cached credential.
    const cold = await j.phone({ storage: await phone.storage() });
    const coldMs = await timeToSelector(cold.page, j.url(), '[data-testid=code-card][data-colour]');
    // The same phone again: scripts and credential cached.
    const warmMs = await timeToSelector(cold.page, j.url(), '[data-testid=code-card][data-colour]');
    process.stdout.write(`\n[e2e] code page shows its code: ${coldMs} ms after navigation on a first open, ${warmMs} ms on a reopen (issue-7 target: 1500 ms)\n`);
    // Recorded, not asserted: a timed assertion would fail on a busy machine for no fault of the app.
    const verdict = (ms: number) => (ms <= 1500 ? 'within the 1.5 s target' : 'OVER the 1.5 s target');
    writeSection(
      'code-page-time',
      [
        '## Code page: time to the code in the browser (issue 7)',
        '',
        `Measured by the browser test \`e2e/scan-venue.test.ts\` (run by \`.ci/run\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machineLine()}:`,
        'the H5 build served by the real server on loopback, Debian Chromium headless, from navigation start until the code card shows its colour.',
        '',
        '| open | ms | |',
        '| --- | ---: | --- |',
        `| first open (no cached scripts or credential) | ${coldMs} | ${verdict(coldMs)} |`,
        `| reopen (scripts and credential cached) | ${warmMs} | ${verdict(warmMs)} |`,
      ].join('\n'),
    );
    expect(await cold.page.locator('[data-testid=code-card]').getAttribute('data-colour')).toBe('green');
    expect(await cold.cspViolations()).toEqual([]);
  });

  it('R16: choosing the venue poster in the scanner records the entry and lifts the veil with the venue name', async () => {
    const { page, errors, cspViolations } = phone;
    await page.locator('taro-button-core.scan-button').click();
    await page.locator('.hc-scanner').waitFor();
    await j.shot(page, 'scanner');

    await chooseScanFile(page, venue.posterFile);
    const entry = page.locator('[data-testid=entry]');
    await entry.waitFor();
    expect(await entry.textContent()).toContain(venue.name);
    expect(await page.locator('[data-testid=veil]').count()).toBe(0);
    const qr = page.locator('[data-qr]');
    await qr.waitFor();
    const shown = await qr.getAttribute('data-qr');
    expect(shown).toMatch(/^HC1:/);
    // The code as drawn on the screen reads back whole, as a checkpoint's camera would read it.
    expect(await readQrOnScreen(qr)).toBe(shown);
    await j.shot(page, 'veil-lifted');

    // The server kept the entry as his (R16), with the venue's name.
    const token = await j.server.login(DEMO.green);
    const history = await j.server.api('GET', '/me/scans', { token });
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain(venue.name);

    expect(await cspViolations()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
