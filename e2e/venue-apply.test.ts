import { fieldMessage, makeSocialCreditCode, usccCheckChar, USCC_CHARS } from '@health-code/shared';
import { cssOf, openPassedVenue, decodeQrPng, DEMO, downloadOf, fieldOf, isPng, journey, pickOption } from './harness';

/**
 * Journey: a resident applies for a place code through the form (R9, R10): the category and the
 * region are chosen on Taro's picker wheels, the social credit code's check character is
 * checked on the phone (a wrong one is refused under its field), and the application shows as
 * under review (R11). The demo official passes it through the API; the owner then sees it
 * passed in "my place codes" and downloads its poster, whose QR is the venue code (R13, R14).
 */
journey('venue-apply', (j) => {
  it('R10, R11, R13: the resident applies, sees it under review, then passed, and downloads the poster', async () => {
    const { page, errors, cspViolations } = await j.phone();
    await j.login(page, DEMO.green);
    // The code page in place before its menu is used (a click while it mounts can be lost).
    await page.locator('[data-testid=code-card]').waitFor();
    await page.locator('.nav-item', { hasText: '场所码申领' }).click();
    await page.waitForURL(/#\/venues\/pages\/list\/index/);
    // Listed by state, the passed ones first (the demo guardian already runs two places).
    await page.locator('[data-testid=tab-passed].active').waitFor();
    await page.locator('[data-testid=count], [data-testid=empty]').first().waitFor();
    await page.locator('taro-button-core', { hasText: '申领新的场所码' }).click();
    await page.waitForURL(/#\/venues\/pages\/apply\/index/);

    const name = '康宁大药房（后海店）';
    await pickOption(page, fieldOf(page, '场所类别').locator('taro-picker-core'), '药店');
    await fieldOf(page, '场所名称').locator('input').fill(name);
    const region = fieldOf(page, '所在地区');
    await pickOption(page, region.locator('[data-testid=region-level-0]'), '广东省');
    await pickOption(page, region.locator('[data-testid=region-level-1]'), '深圳市');
    await pickOption(page, region.locator('[data-testid=region-level-2]'), '南山区');
    expect((await region.locator('.region-level').allTextContents()).map((t) => t.trim())).toEqual(['广东省', '深圳市', '南山区']);
    await fieldOf(page, '详细地址').locator('input').fill('广东省深圳市南山区后海大道 88 号');
    await fieldOf(page, '所属单位名称').locator('input').fill('深圳市康宁医药有限公司');
    await fieldOf(page, '联系电话').locator('input').fill('13800138801');

    // A social credit code with a wrong check character: refused under its field, nothing sent.
    const uscc = makeSocialCreditCode(801);
    const wrong = uscc.slice(0, 17) + [...USCC_CHARS].find((c) => c !== usccCheckChar(uscc.slice(0, 17)))!;
    const usccField = fieldOf(page, '统一社会信用代码');
    await usccField.locator('input').fill(wrong);
    await page.locator('taro-button-core', { hasText: '提交申请' }).click();
    const usccError = usccField.locator('.error-text');
    await usccError.waitFor();
    expect((await usccError.textContent())?.trim()).toBe(fieldMessage('USCC_CHECKSUM', 'zh-CN'));
    expect(await cssOf(usccError, 'color')).toBe('rgb(207, 34, 46)');
    expect(await page.locator('.error-text').count()).toBe(1);
    await j.shot(page, 'wrong-credit-code');

    await usccField.locator('input').fill(uscc);
    expect(await usccField.locator('.error-text').count()).toBe(0);
    // The submit button is enabled and looks it: white on green.
    const submit = page.locator('taro-button-core', { hasText: '提交申请' });
    expect(await cssOf(submit, 'color')).toBe('rgb(255, 255, 255)');
    await j.shot(page, 'form', { fullPage: true });
    await submit.click();

    // Under review, with what was sent.
    await page.waitForURL(/#\/venues\/pages\/detail\/index\?id=/);
    const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id')!;
    // The list stays in the page below the details (hidden): what is shown is what counts.
    const badge = page.locator('.venue-status').filter({ visible: true });
    await badge.waitFor();
    expect((await badge.textContent())?.trim()).toBe('审核中');
    expect(await cssOf(badge, 'color')).toBe('rgb(154, 103, 0)');
    await page.getByText('申请正在审核中，审核结果会显示在这里。').waitFor();
    const details = (await page.locator('.venue-item').filter({ visible: true }).textContent()) ?? '';
    for (const shown of [name, '药店', '广东省 深圳市 南山区', '深圳市康宁医药有限公司', uscc, '138****8801']) expect(details).toContain(shown);
    await j.shot(page, 'under-review');

    // The health official passes it (the console pages are someone else's work: through the API).
    const official = await j.server.login(DEMO.official);
    const passed = await j.server.api('POST', `/officials/venues/${id}/approve`, { token: official });
    expect(passed.status).toBe(200);

    // Back in "my place codes": passed, in green; its details offer the poster.
    await page.goBack();
    await page.waitForURL(/#\/venues\/pages\/list\/index/);
    const item = page.locator(`[data-testid=venue-${id}]`);
    await item.waitFor();
    const passedBadge = item.locator('.venue-status');
    expect((await passedBadge.textContent())?.trim()).toBe('已通过');
    expect(await cssOf(passedBadge, 'color')).toBe('rgb(26, 127, 55)');
    await j.shot(page, 'passed-list');

    await openPassedVenue(page, item);
    await j.shot(page, 'poster');

    const poster = await downloadOf(page, () => page.locator('taro-button-core', { hasText: '保存海报到相册' }).click());
    expect(poster.name).toBe('poster.png');
    expect(isPng(poster.body)).toBe(true);
    expect(decodeQrPng(poster.body)).toMatch(/^HCV1:/);
    await page.locator('[data-testid=note]', { hasText: '海报已下载' }).waitFor();

    // The poster's code lets people scan in (R16).
    const resident = await j.server.login(DEMO.yellow);
    const scan = await j.server.api('POST', '/scans', { token: resident, body: { venueCode: decodeQrPng(poster.body), clientRequestId: 'e2e-venue-apply-1' } });
    expect(scan.status).toBe(201);
    expect(scan.body.venue.name).toBe(name);

    expect(await cspViolations()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
