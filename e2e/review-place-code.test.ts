import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSocialCreditCode } from '@health-code/shared';
import { chooseScanFile, cssOf, openPassedVenue, decodeQrPng, DEMO, downloadOf, fieldOf, isPng, journey, pickOption, verifyVenueWithPublishedKeys } from './harness';

/**
 * Journey: a place code from application to poster, with the review in the officials' console.
 * The demo green resident (陈晓明) applies in the app (R10) and sees it under review (R11). On
 * another phone the demo official opens the console's review queue (R31): the application is
 * there with what was sent and who sent it, masked (R34); he passes it. Back on the resident's
 * phone the code shows as passed, its poster downloads, and the poster's QR is a signed venue
 * code (R13, R14) that the app's own scanner takes (R16).
 */
journey('review-place-code', (j) => {
  it('R10, R11, R31, R13: a resident applies, the official approves in the review queue, the resident downloads a poster whose code scans', async () => {
    const resident = await j.phone();
    const { page } = resident;
    await j.login(page, DEMO.green);
    // The code page in place before its menu is used (a click while it mounts can be lost).
    await page.locator('[data-testid=code-card]').waitFor();

    // ---- The resident applies.
    await page.locator('.nav-item', { hasText: '场所码申领' }).click();
    await page.waitForURL(/#\/venues\/pages\/list\/index/);
    await page.locator('[data-testid=count], [data-testid=empty]').first().waitFor();
    await page.locator('taro-button-core', { hasText: '申领新的场所码' }).click();
    await page.waitForURL(/#\/venues\/pages\/apply\/index/);

    const name = '好邻居超市（蛇口店）';
    const uscc = makeSocialCreditCode(811);
    await pickOption(page, fieldOf(page, '场所类别').locator('taro-picker-core'), '超市');
    await fieldOf(page, '场所名称').locator('input').fill(name);
    const region = fieldOf(page, '所在地区');
    await pickOption(page, region.locator('[data-testid=region-level-0]'), '广东省');
    await pickOption(page, region.locator('[data-testid=region-level-1]'), '深圳市');
    await pickOption(page, region.locator('[data-testid=region-level-2]'), '南山区');
    await fieldOf(page, '详细地址').locator('input').fill('广东省深圳市南山区蛇口工业八路 12 号');
    await fieldOf(page, '所属单位名称').locator('input').fill('深圳市好邻居商业有限公司');
    await fieldOf(page, '统一社会信用代码').locator('input').fill(uscc);
    await fieldOf(page, '联系电话').locator('input').fill('13800138812');
    await page.locator('taro-button-core', { hasText: '提交申请' }).click();

    await page.waitForURL(/#\/venues\/pages\/detail\/index\?id=/);
    const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id')!;
    const badge = page.locator('.venue-status').filter({ visible: true });
    await badge.waitFor();
    expect((await badge.textContent())?.trim()).toBe('审核中');
    await j.shot(page, 'under-review');

    // ---- The official, on his own phone, opens the review queue from the console's menu.
    const official = await j.phone();
    const desk = official.page;
    await j.login(desk, DEMO.official, { registered: false });
    await desk.goto(j.url('/console/pages/home/index'));
    await desk.locator('[data-testid=menu-venues]').click();
    await desk.waitForURL(/#\/console\/pages\/venues\/index/);
    expect(await desk.locator('[data-testid=chip-under_review]').getAttribute('data-active')).toBe('yes');
    const card = desk.locator(`[data-testid=venue-${id}]`);
    await card.waitFor();
    // The application as sent, and who sent it: his name and the contact phone masked (R34).
    const shown = (await card.textContent()) ?? '';
    for (const part of [name, '超市', '广东省深圳市南山区蛇口工业八路 12 号', '广东省 深圳市 南山区', '深圳市好邻居商业有限公司', uscc, '待审核']) expect(shown).toContain(part);
    expect((await card.locator('[data-testid=venue-applicant]').textContent())?.replace(/\s+/g, '')).toBe('申请人陈*明');
    expect((await card.locator('[data-testid=venue-phone]').textContent())?.replace(/\s+/g, '')).toBe('联系电话138****8812');
    expect(shown).not.toContain('陈晓明');
    expect(shown).not.toContain('13800138812');
    await j.shot(desk, 'queue');

    // He passes it: the console asks first, then the application leaves the queue.
    await card.locator('taro-button-core', { hasText: '审核通过' }).click();
    const confirm = desk.locator('.taro__modal .taro-model__confirm');
    await confirm.waitFor();
    expect(await desk.locator('.taro__modal .taro-modal__text').textContent()).toContain(name);
    await j.shot(desk, 'confirm');
    await confirm.click();
    await card.waitFor({ state: 'detached' });
    await desk.locator('[data-testid=console-empty]', { hasText: '没有待审核的申请' }).waitFor();
    // Among the passed ones now, with the time of the review.
    await desk.locator('[data-testid=chip-passed]').click();
    const passedCard = desk.locator(`[data-testid=venue-${id}]`);
    await passedCard.waitFor();
    expect((await passedCard.locator('.console-badge').textContent())?.trim()).toBe('已通过');
    expect(await passedCard.textContent()).toContain('审核时间');
    await j.shot(desk, 'approved');

    // ---- Back on the resident's phone: passed, in green, and the poster downloads.
    await page.goBack();
    await page.waitForURL(/#\/venues\/pages\/list\/index/);
    const item = page.locator(`[data-testid=venue-${id}]`);
    await item.waitFor();
    const passedBadge = item.locator('.venue-status');
    expect((await passedBadge.textContent())?.trim()).toBe('已通过');
    expect(await cssOf(passedBadge, 'color')).toBe('rgb(26, 127, 55)');
    await openPassedVenue(page, item);
    await j.shot(page, 'passed');

    const poster = await downloadOf(page, () => page.locator('taro-button-core', { hasText: '保存海报到相册' }).click());
    expect(isPng(poster.body)).toBe(true);
    const text = decodeQrPng(poster.body);
    expect(text).toMatch(/^HCV1:/);
    // A venue code signed by the server: it verifies with the published keys, as the app's scanner checks it (R14).
    const verified = await verifyVenueWithPublishedKeys(j.server, text!);
    expect(verified.ok).toBe(true);

    // The resident scans his own poster from the code page: the entry is recorded at this venue (R16).
    const posterFile = join(j.server.dir, `poster-${id}.png`);
    writeFileSync(posterFile, poster.body);
    await page.goto(j.url());
    await page.locator('[data-testid=code-card]').waitFor();
    await page.locator('taro-button-core.scan-button').click();
    await chooseScanFile(page, posterFile);
    const entry = page.locator('[data-testid=entry]');
    await entry.waitFor();
    expect(await entry.textContent()).toContain(name);
    await j.shot(page, 'scanned');

    for (const phone of [resident, official]) {
      expect(await phone.cspViolations()).toEqual([]);
      expect(phone.errors).toEqual([]);
    }
  });
});
