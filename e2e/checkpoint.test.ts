import { join } from 'node:path';
import { chooseScanFile, cssOf, DEMO, journey, PHONE_VIEWPORT, readQrOnScreen, type PassedVenue, type Phone } from './harness';

/**
 * Journey: checkpoint staff verify a resident's live code (R8). The resident (陈晓明, green) lifts
 * his veil at a venue on his own phone; the QR as his screen shows it is photographed (saved as
 * a picture) and chosen in the checkpoint phone's scanner. Online the verdict covers the whole
 * screen in green with his masked name and ID number and says it was verified online; with the
 * checkpoint phone's network gone, the next code is verified with the keys it keeps, and the
 * verdict says so.
 */
journey('checkpoint', (j) => {
  let venue: PassedVenue;
  let resident: Phone;
  let staff: Phone;

  /** The resident's QR as his screen shows it now, saved as a picture for the checkpoint's scanner. */
  const photographResidentCode = async (step: string): Promise<string> => {
    const qr = resident.page.locator('[data-qr]');
    await qr.waitFor();
    const file = join(j.server.dir, `resident-code-${step}.png`);
    const read = await readQrOnScreen(qr, file);
    expect(read).toMatch(/^HC1:/);
    expect(read).toBe(await qr.getAttribute('data-qr'));
    return file;
  };

  beforeAll(async () => {
    venue = await j.venue({ name: '演示超市（深大店）' });
  });

  it('R8: online, the verdict fills the screen in green with the masked name and ID and says it was verified online', async () => {
    resident = await j.phone();
    await j.login(resident.page, DEMO.green);
    await resident.page.locator('taro-button-core.scan-button').click();
    await chooseScanFile(resident.page, venue.posterFile);
    await resident.page.locator('[data-testid=entry]').waitFor();
    await j.shot(resident.page, 'resident-code');
    const photo = await photographResidentCode('online');

    // The checkpoint account is staff, not a registered resident: its code page offers checkpoint mode.
    staff = await j.phone();
    const { page } = staff;
    await j.login(page, DEMO.checkpoint, { registered: false });
    await page.goto(j.url());
    await page.locator('.nav-item', { hasText: '核验模式' }).click();
    await page.waitForURL(/#\/checkpoint\/pages\/verify\/index/);
    await page.locator('[data-testid=cp-keys]', { hasText: '离线验证密钥更新于' }).waitFor();
    await j.shot(page, 'ready');

    await page.locator('taro-button-core.cp-scan').click();
    await page.locator('.hc-scanner').waitFor();
    await chooseScanFile(page, photo);
    const result = page.locator('[data-testid=cp-result]');
    await result.waitFor();
    expect(await result.getAttribute('data-colour')).toBe('green');
    expect(await result.getAttribute('data-mode')).toBe('online');
    // Full screen, in the code's green.
    expect(await result.boundingBox()).toEqual({ x: 0, y: 0, ...PHONE_VIEWPORT });
    expect(await cssOf(result, 'background-color')).toBe('rgb(26, 127, 55)');
    expect((await result.locator('.cp-colour').textContent())?.trim()).toBe('绿码');
    expect(await result.locator('.cp-status').textContent()).toContain('核验通过');
    // Masked as R8 says: 陈*明, the ID number's first 3 and last 4 characters.
    expect(await result.locator('[data-testid=cp-name] .cp-value').textContent()).toBe('陈*明');
    expect(await result.locator('[data-testid=cp-id] .cp-value').textContent()).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(await result.locator('[data-testid=cp-validity]').textContent()).toBe('实时健康码在有效期内');
    expect(await result.locator('[data-testid=cp-mode]').textContent()).toBe('联网核验：以当前颜色为准');
    expect(await result.locator('[data-testid=cp-vaccination]').textContent()).toContain('已完成疫苗接种');
    await j.shot(page, 'online-green');

    expect(await staff.cspViolations()).toEqual([]);
    expect(staff.errors).toEqual([]);
    expect(resident.errors).toEqual([]);
  });

  it('R8: with the network gone the next code is verified with the kept keys, and the verdict says it was offline', async () => {
    const { page, context } = staff;
    const photo = await photographResidentCode('offline');
    await context.setOffline(true);
    try {
      await page.locator('[data-testid=cp-result] taro-button-core.cp-next').click();
      await page.locator('.hc-scanner').waitFor();
      await chooseScanFile(page, photo);
      const result = page.locator('[data-testid=cp-result][data-mode=offline]');
      await result.waitFor();
      expect(await result.getAttribute('data-colour')).toBe('green');
      expect(await result.boundingBox()).toEqual({ x: 0, y: 0, ...PHONE_VIEWPORT });
      expect(await cssOf(result, 'background-color')).toBe('rgb(26, 127, 55)');
      expect(await result.locator('.cp-status').textContent()).toContain('核验通过');
      expect(await result.locator('[data-testid=cp-mode]').textContent()).toMatch(/^离线核验（密钥更新于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d）$/);
      expect(await result.locator('[data-testid=cp-why]').textContent()).toBe('网络不可用，已改用离线核验');
      // Offline there is no name to show: the code carries none (R5); the ID card is checked instead.
      expect(await result.locator('[data-testid=cp-name]').count()).toBe(0);
      expect(await result.locator('[data-testid=cp-no-name]').textContent()).toContain('离线核验不显示姓名和身份证号');
      expect(await result.locator('[data-testid=cp-validity]').textContent()).toBe('实时健康码在有效期内');
      await j.shot(page, 'offline-green');
    } finally {
      await context.setOffline(false);
    }

    expect(await staff.cspViolations()).toEqual([]);
    // The browser reports the refused request itself; nothing else may go wrong.
    expect(staff.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });
});
