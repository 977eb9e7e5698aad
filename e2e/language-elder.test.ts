import type { Page } from 'playwright-core';
import { cssOf, DEMO, journey } from './harness';

const CJK = /[\u3400-\u9fff]/;

/** The computed font sizes (CSS px) of what the code page shows biggest and smallest. */
async function codePageType(page: Page): Promise<{ colour: number; hint: number; badge: number; clock: number; nav: number; title: number; muted: number }> {
  const size = async (selector: string) => parseFloat(await cssOf(page.locator(selector).first(), 'font-size'));
  return { colour: await size('.colour-name'), hint: await size('.colour-hint'), badge: await size('[data-testid=vaccinated]'), clock: await size('[data-testid=clock]'), nav: await size('.nav-item'), title: await size('[data-testid=latest-test] .card-title'), muted: await size('[data-testid=latest-test] .muted') };
}

/**
 * Journey: settings (issue item 7). A resident switches the app to English and turns on elder
 * mode; back on the code page everything he reads is in English and in larger type (the
 * computed font sizes grow), and both stay after the app is opened again.
 */
journey('language-elder', (j) => {
  it('R4: switched to English and elder mode, the code page is in English with larger type', async () => {
    const { page, errors, cspViolations } = await j.phone();
    await j.login(page, DEMO.green);
    const card = page.locator('[data-testid=code-card]');
    await card.waitFor();
    expect((await card.locator('.colour-name').textContent())?.trim()).toBe('绿码');
    const before = await codePageType(page);

    await page.locator('.nav-item', { hasText: '设置' }).click();
    await page.waitForURL(/#\/pages\/settings\/index/);
    await page.locator('[data-testid=language] .tab', { hasText: 'English' }).click();
    // The settings page itself answers at once.
    await page.getByText('Language', { exact: true }).waitFor();
    expect(await page.locator('[data-testid=language] .tab[data-active=yes]').textContent()).toBe('English');
    const elder = page.locator('.card', { hasText: 'Elder mode' });
    await elder.locator('taro-switch-core input').click();
    await page.locator('.page.elder [data-testid=language]').waitFor();
    expect(await elder.locator('taro-switch-core input').isChecked()).toBe(true);
    await j.shot(page, 'settings');

    await page.goBack();
    await page.waitForURL(/#\/pages\/index\/index/);
    await page.locator('.code-page.elder[data-lang=en]').waitFor();
    expect((await card.locator('.colour-name').textContent())?.trim()).toBe('Green');
    expect((await card.locator('.colour-hint').textContent())?.trim()).toBe('Normal passage');
    expect(await card.locator('[data-testid=vaccinated]').textContent()).toContain('Vaccination complete');
    expect(await card.locator('[data-testid=clock]').textContent()).toMatch(/^Now \d\d:\d\d:\d\d$/);
    expect(await card.locator('.veil-text').textContent()).toBe('Scan the place code to show your QR');
    expect(await card.locator('taro-button-core.scan-button').textContent()).toBe('Scan to enter');
    expect(await page.locator('.nav-item').allTextContents()).toEqual(['My records', 'Relatives', 'Place codes', 'Help', 'Settings']);
    await page.getByText('Latest test', { exact: true }).waitFor();
    // Everything the app itself says is English; only names from the records stay Chinese.
    expect(await card.textContent()).not.toMatch(CJK);

    // Larger type: each measured text grows (64 -> 80 design px for the colour, and so on).
    const after = await codePageType(page);
    expect(after.colour).toBeGreaterThan(before.colour * 1.2);
    expect(after.hint).toBeGreaterThan(before.hint * 1.2);
    expect(after.badge).toBeGreaterThan(before.badge * 1.2);
    expect(after.clock).toBeGreaterThan(before.clock * 1.2);
    expect(after.nav).toBeGreaterThan(before.nav * 1.2);
    expect(after.title).toBeGreaterThan(before.title * 1.2);
    expect(after.muted).toBeGreaterThan(before.muted * 1.2);
    await page.locator('.code-page').filter({ visible: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await j.shot(page, 'code-page-en-elder');

    // Opened again later: still English, still elder mode.
    await page.reload();
    await page.locator('.code-page.elder[data-lang=en] [data-testid=code-card]').waitFor();
    expect((await page.locator('.colour-name').textContent())?.trim()).toBe('Green');

    expect(await cspViolations()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
