import { join } from 'node:path';
import { DEMO, SCREENSHOTS, journey } from './harness';

/**
 * Journey: the demo official opens the console's dashboard on a desk's browser. The demo data
 * of a first start (entries over the last 48 hours, today's colour snapshot, venue codes in two
 * states, a closed case with its contacts) shows in all four charts, drawn by F2 on the
 * browser's canvas, each with its figures as text; docs/screenshots/dashboard.png is the
 * picture in the README.
 */
journey('dashboard', (j) => {
  it('R31: the official opens the dashboard from the console menu and every chart is drawn', async () => {
    const { page, errors, cspViolations } = await j.phone();
    // A desk's browser, tall enough for the whole dashboard (the page scrolls inside the app).
    await page.setViewportSize({ width: 1280, height: 1560 });
    await j.login(page, DEMO.official, { registered: false });
    await page.goto(j.url('/console/pages/home/index'));
    await page.locator('[data-testid=menu-dashboard]').click();
    await page.waitForURL(/#\/console\/pages\/dashboard\/index/);

    for (const chart of ['scans', 'today', 'trend', 'venues', 'cases']) {
      await page.locator(`[data-testid=dash-${chart}-summary]`).waitFor();
    }
    expect(await page.locator('[data-testid=dash-today-summary]').textContent()).toMatch(/共 5 人：绿码 3 人，黄码 1 人，红码 1 人/);
    expect(await page.locator('[data-testid=dash-venues-summary]').textContent()).toBe('共 3 份申请，其中待审核 0 份。');
    expect(await page.locator('[data-testid=dash-cases-summary]').textContent()).toBe('1 个病例共找到 2 名密接者。');

    // Each canvas has been drawn on: coloured pixels, in the colours of its series.
    const painted = async (id: string) =>
      page.waitForFunction(
        (canvasId) => {
          const canvas = document.querySelector(`#${canvasId} canvas, canvas#${canvasId}`) as HTMLCanvasElement | null;
          const ctx = canvas?.getContext('2d');
          if (!canvas || !ctx || canvas.width === 0) return false;
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let coloured = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && !(data[i] === data[i + 1] && data[i + 1] === data[i + 2])) coloured += 1;
          return coloured > 100;
        },
        id,
        { timeout: 15_000 },
      );
    for (const chart of ['scans', 'today', 'trend', 'venues', 'cases']) await painted(`dash-canvas-${chart}`);

    // The figures as text: the venue chart's table.
    await page.locator('[data-testid=dash-venues-toggle]').click();
    const table = page.locator('[data-testid=dash-venues-table]');
    await table.waitFor();
    expect(await table.textContent()).toContain('已通过2');

    await page.locator('[data-testid=dash-venues-toggle]').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png') });

    // Taking today's snapshot again is the official's own action, audited on the server.
    await page.locator('[data-testid=dash-recompute]').click();
    await page.getByText('已更新今日统计').waitFor();
    const official = await j.server.login(DEMO.official);
    const audit = await j.server.api('GET', '/officials/audit?action=dashboard.', { token: official });
    expect(audit.status).toBe(200);
    expect(audit.body.records.length).toBeGreaterThanOrEqual(1);

    expect(await cspViolations()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("R33: a resident opening the dashboard's address sees that it is not for him, and the server refuses him too", async () => {
    const { page } = await j.phone();
    await j.login(page, DEMO.green);
    await page.goto(j.url('/console/pages/dashboard/index'));
    await page.locator('[data-testid=console-not-allowed]').waitFor();
    const token = await j.server.login(DEMO.green);
    const res = await j.server.api('GET', '/officials/dashboard/scans-per-hour', { token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ROLE_FORBIDDEN');
  });
});
