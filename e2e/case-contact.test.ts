import { maskIdNumber, maskName, maskPhone } from '@health-code/shared';
import { chooseScanFile, cssOf, DEMO, eventually, journey, type PassedVenue, type Phone, type RegisteredResident } from './harness';

/**
 * Journey: a confirmed case and the contact it finds. Two fresh residents scan into the same
 * venue minutes apart, each on his own phone (R16). The demo official records one of them as
 * a confirmed case in the console by his ID number (R31); tracing runs at once and the report
 * lists the other as a contact at that venue, masked: nowhere on the screen a whole ID number
 * or phone number (R32, R34). The contact's code page, opened again, turns yellow with the
 * reason (R4, R32).
 */
journey('case-contact', (j) => {
  let venue: PassedVenue;
  let contact: RegisteredResident;
  let patient: RegisteredResident;

  beforeAll(async () => {
    venue = await j.venue({ name: '演示面馆（南油店）' });
    contact = await j.resident({ name: '王晓红', sex: 'female' });
    patient = await j.resident({ name: '李建伟', sex: 'male', birthDate: '1979-11-02' });
  });

  /** Logs a phone in as `who`, opens his green code and scans the venue's poster. */
  async function scanIn(who: RegisteredResident, step: string): Promise<Phone> {
    const phone = await j.phone();
    const { page } = phone;
    await j.login(page, who.code);
    const card = page.locator('[data-testid=code-card]');
    await card.waitFor();
    expect(await card.getAttribute('data-colour')).toBe('green');
    await page.locator('taro-button-core.scan-button').click();
    await chooseScanFile(page, venue.posterFile);
    const entry = page.locator('[data-testid=entry]');
    await entry.waitFor();
    expect(await entry.textContent()).toContain(venue.name);
    await j.shot(page, step);
    return phone;
  }

  it('R31, R32, R34, R4: the official records a case, the report lists the contact masked, and the contact\'s code turns yellow', async () => {
    // The contact scans in first; the case a few moments later: well inside 30 min before to 2 h after.
    const contactPhone = await scanIn(contact, 'contact-scanned');
    const patientPhone = await scanIn(patient, 'case-scanned');
    const contactId = (await j.server.api('GET', '/me', { token: contact.token })).body.resident.id as string;

    // ---- The official records the case from the console's case page.
    const official = await j.phone();
    const desk = official.page;
    await j.login(desk, DEMO.official, { registered: false });
    await desk.goto(j.url('/console/pages/home/index'));
    await desk.locator('[data-testid=menu-cases]').click();
    await desk.waitForURL(/#\/console\/pages\/cases\/index/);
    const form = desk.locator('[data-testid=case-record]');
    await form.waitFor();
    const idInput = form.locator('.field').filter({ hasText: '身份证号' }).locator('input');
    await idInput.fill(patient.idNumber);
    await form.locator('textarea').fill('发热就诊，核酸阳性');
    // Typed in full, the number is shown masked once the field is left (R34).
    await form.locator('.card-title').click();
    await form.locator('[data-testid=id-masked]', { hasText: maskIdNumber(patient.idNumber) }).waitFor();
    await j.shot(desk, 'record');
    await form.locator('taro-button-core', { hasText: '登记并开始流调' }).click();

    // The tracing report opens: the case, and one contact at the venue, masked.
    await desk.waitForURL(/#\/console\/pages\/case\/index\?id=/);
    const summary = desk.locator('[data-testid=case-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(maskName(patient.name));
    expect(await summary.textContent()).toContain(maskIdNumber(patient.idNumber));
    expect((await desk.locator('[data-testid=case-total]').textContent())?.replace(/\s+/g, '')).toBe('密接人数1人');
    const block = desk.locator(`[data-testid=trace-venue-${venue.id}]`);
    await block.waitFor();
    expect(await block.textContent()).toContain(venue.name);
    const row = block.locator(`[data-testid=contact-${contactId}]`);
    await row.waitFor();
    const cells = (await row.locator('.console-td').allTextContents()).map((t) => t.trim());
    expect(cells.slice(0, 3)).toEqual([maskName(contact.name), maskIdNumber(contact.idNumber), maskPhone(contact.phone)]);
    expect(cells[3]).toMatch(/\d{2}:\d{2}/);
    // Nowhere on the official's screen a whole name, ID number or phone number (R34).
    const screen = (await desk.locator('body').innerText()) ?? '';
    for (const whole of [contact.name, contact.idNumber, contact.phone, patient.name, patient.idNumber, patient.phone]) expect(screen).not.toContain(whole);
    expect(screen).toContain('个人信息均已脱敏');
    await j.shot(desk, 'report', { fullPage: true });

    // ---- The contact, called by the tracers, opens his code again and refreshes it: yellow,
    // with tracing as the reason (R4, R32). (Opened again within ten minutes the app reuses
    // the credential it fetched at the scan, issue 7: "立即更新" asks for a new one.)
    const { page } = contactPhone;
    await page.reload();
    const card = page.locator('[data-testid=code-card]');
    await card.waitFor();
    await page.locator('[data-testid=refresh]').click();
    await eventually(() => card.getAttribute('data-colour'), (v) => expect(v).toBe('yellow'));
    const block2 = card.locator('.colour-block');
    expect((await block2.locator('.colour-name').textContent())?.trim()).toBe('黄码');
    expect(await cssOf(block2, 'background-color')).toBe('rgb(212, 167, 44)');
    // The pop-up says why and what to do.
    const reasons = page.locator('[data-testid=colour-reasons]');
    await reasons.waitFor();
    expect(await reasons.textContent()).toContain('经流调判定为密切接触者');
    await j.shot(page, 'contact-reasons');
    await reasons.locator('taro-button-core', { hasText: '我知道了' }).click();
    await reasons.waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=fetched]').textContent()).toMatch(/^颜色更新于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    await j.shot(page, 'contact-yellow');

    for (const phone of [contactPhone, patientPhone, official]) {
      expect(await phone.cspViolations()).toEqual([]);
      expect(phone.errors).toEqual([]);
    }
  });
});
