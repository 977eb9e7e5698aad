import { fieldMessage, idCheckChar, maskName } from '@health-code/shared';
import { cssOf, DEMO, fieldOf, journey } from './harness';

/**
 * Journey: a newcomer registers with his real name in a phone's browser (R1). The H5 login
 * page takes a development user id (demo-newcomer, whose real name the development login
 * platform holds); the real-name form checks the ID number's check character on the phone and
 * says so under the field before anything is sent; the SMS code comes from the development
 * outbox, shown on the page; registration lands on the code page with his colour.
 */
journey('register-login', (j) => {
  it('R1: a wrong check character is refused under its field, then the newcomer registers and sees his green code', async () => {
    // The demo seed prints the newcomer's name and synthetic ID number for people to type.
    const printed = /register as (\S+) (\d{17}[\dX])/.exec(j.server.output());
    if (!printed) throw new Error(`the server did not print the newcomer:\n${j.server.output()}`);
    const [, name, idNumber] = printed;
    const wrongCheck = [...'0123456789X'].find((c) => c !== idCheckChar(idNumber.slice(0, 17)))!;

    const { page, errors, cspViolations } = await j.phone();
    const registerCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/residents/register')) registerCalls.push(r.method());
    });

    await j.login(page, DEMO.newcomer, { registered: false });
    await page.locator('.card-title', { hasText: '实名注册' }).waitFor();

    const nameField = fieldOf(page, '姓名');
    const idField = fieldOf(page, '身份证号');
    const phoneField = fieldOf(page, '手机号');
    const smsField = fieldOf(page, '短信验证码');
    await nameField.locator('input').fill(name);
    await idField.locator('input').fill(idNumber.slice(0, 17) + wrongCheck);
    await phoneField.locator('input').fill('13800139904');

    // The SMS code: the button counts down, and the development outbox shows the code.
    await smsField.locator('taro-button-core', { hasText: '获取验证码' }).click();
    const devCode = page.locator('[data-testid=dev-sms-code]');
    await devCode.waitFor();
    const code = /(\d{6})/.exec((await devCode.textContent()) ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const resend = smsField.locator('taro-button-core');
    await expect(resend.textContent()).resolves.toMatch(/^\d+ 秒后重发$/);
    // The countdown is readable: grey, not Taro H5's white text of a disabled button.
    expect(await cssOf(resend, 'color')).toBe('rgb(101, 109, 118)');
    await smsField.locator('input').fill(code!);

    // Submitted with the wrong check character: refused under the ID field, in red, before any request.
    await page.locator('taro-button-core', { hasText: '提交注册' }).click();
    const idError = idField.locator('.error-text');
    await idError.waitFor();
    expect((await idError.textContent())?.trim()).toBe(fieldMessage('ID_NUMBER_CHECKSUM', 'zh-CN'));
    expect(await cssOf(idError, 'color')).toBe('rgb(207, 34, 46)');
    expect(await cssOf(idField.locator('.input'), 'border-top-color')).toBe('rgb(207, 34, 46)');
    for (const other of [nameField, phoneField, smsField]) expect(await other.locator('.error-text').count()).toBe(0);
    expect(registerCalls).toEqual([]);
    await page.locator('.taro__toast').waitFor({ state: 'hidden' });
    await j.shot(page, 'wrong-check-character');

    // Corrected: the error goes as he types, and the registration goes through.
    await idField.locator('input').fill(idNumber);
    expect(await idField.locator('.error-text').count()).toBe(0);
    await j.shot(page, 'form-filled');
    await page.locator('taro-button-core', { hasText: '提交注册' }).click();

    await page.waitForURL(/#\/pages\/index\/index/);
    const card = page.locator('[data-testid=code-card]');
    await card.waitFor();
    expect(await card.getAttribute('data-colour')).toBe('green');
    const block = card.locator('.colour-block');
    expect(await cssOf(block, 'background-color')).toBe('rgb(26, 127, 55)');
    expect((await block.locator('.colour-name').textContent())?.trim()).toBe('绿码');
    await page.locator('[data-testid=veil]').waitFor();
    await j.shot(page, 'registered-code');
    expect(registerCalls).toEqual(['POST']);

    // The server holds him as registered, his name masked as every screen shows it (R34).
    const me = await j.server.api('GET', '/me', { token: await j.server.login(DEMO.newcomer) });
    expect(me.status).toBe(200);
    expect(me.body.resident.name).toBe(maskName(name));

    expect(await cspViolations()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
