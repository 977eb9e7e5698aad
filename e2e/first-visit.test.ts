import { journey } from './harness';

/**
 * Journey (a): someone opens the app's address in a phone's browser for the first time. The
 * app loads at / under its Content-Security-Policy, and the code page is the first page; a
 * browser new to the app has its own account, not yet registered, so the page asks for the
 * real-name registration (R1) and its button opens the form.
 */
journey('first-visit', (j) => {
  it('R1: the app loads at / and the code page asks a new person to register', async () => {
    const { page, errors, cspViolations } = await j.phone();
    const response = await page.goto(`${j.server.url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);

    await page.getByText('请先完成实名注册').waitFor();
    expect(page.url()).toMatch(/#\/pages\/index\/index|\/$/);
    await j.shot(page, 'code-page');

    await page.locator('taro-button-core', { hasText: '去注册' }).click();
    await page.waitForURL(/#\/pages\/login\/index/);
    await page.getByText('提交注册').waitFor();
    await j.shot(page, 'register');

    expect(await cspViolations()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
