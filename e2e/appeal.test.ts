import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { maskIdNumber, maskName } from '@health-code/shared';
import { cssOf, decodeQrPng, DEMO, eventually, journey, type PassedVenue, type RegisteredResident } from './harness';

/**
 * Journey: a colour appeal from the pop-up to the answer. A fresh resident is made a contact the
 * way tracing makes one (he and a case scanned into the same venue; the demo official recorded
 * the case: all through the API, the console's part being case-contact's journey), so his code
 * is yellow (R32). He opens the code: the pop-up says why and offers the appeal (R4); he
 * appeals with a reason and a photo of his negative test report (R35). The demo official finds
 * it in the console's appeals queue, masked (R34), looks at the photo, and accepts it, correcting
 * the colour to green with an answer (R31, audited: R33). The resident reads the answer in the
 * app and his code is green again.
 */
journey('appeal', (j) => {
  let venue: PassedVenue;
  let contact: RegisteredResident;
  let reportFile: string;
  const reason = '我在面馆只是路过门口扫码，没有进店，当天下午的核酸检测结果为阴性，附检测报告。';
  const answer = '经核实，您与病例无共同停留，已改为绿码。';

  beforeAll(async () => {
    venue = await j.venue({ name: '演示面馆（后海店）' });
    contact = await j.resident({ name: '周文静', sex: 'female' });
    const patient = await j.resident({ name: '吴志强', sex: 'male', birthDate: '1983-03-09' });
    const venueCode = decodeQrPng(readFileSync(venue.posterFile));
    for (const [who, n] of [
      [contact, 1],
      [patient, 2],
    ] as const) {
      const scan = await j.server.api('POST', '/scans', { token: who.token, body: { venueCode, clientRequestId: `e2e-appeal-scan-${n}` } });
      if (scan.status !== 201) throw new Error(`scan: ${scan.status} ${JSON.stringify(scan.body)}`);
    }
    const official = await j.server.login(DEMO.official);
    const onsetDate = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const recorded = await j.server.api('POST', '/officials/cases', { token: official, body: { idNumber: patient.idNumber, onsetDate } });
    if (recorded.status !== 201 || recorded.body.report.total !== 1) throw new Error(`case: ${recorded.status} ${JSON.stringify(recorded.body)}`);

    // A photo of a test report: a small picture, well under the 1 MB the server takes.
    const png = new PNG({ width: 240, height: 320 });
    for (let i = 0; i < png.data.length; i += 4) {
      const y = Math.floor(i / 4 / 240);
      const line = y % 24 < 4 && y > 40;
      png.data.set(line ? [90, 90, 90, 255] : [250, 250, 245, 255], i);
    }
    reportFile = join(j.server.dir, 'test-report.png');
    writeFileSync(reportFile, PNG.sync.write(png));
  });

  it('R4, R35, R31, R33: the yellow contact appeals from the pop-up, the official accepts it in the appeals queue, the resident reads the answer and is green again', async () => {
    const resident = await j.phone();
    const { page } = resident;
    await j.login(page, contact.code);
    const card = page.locator('[data-testid=code-card]');
    await card.waitFor();
    expect(await card.getAttribute('data-colour')).toBe('yellow');

    // The pop-up of the yellow code: why, what to do, and the way to appeal (R4).
    const reasons = page.locator('[data-testid=colour-reasons]');
    await reasons.waitFor();
    expect(await reasons.textContent()).toContain('经流调判定为密切接触者');
    await j.shot(page, 'pop-up');
    await reasons.locator('taro-button-core', { hasText: '对颜色有异议？申诉' }).click();
    await page.waitForURL(/#\/pages\/help\/index\?appeal=1/);

    // The appeal: a reason and a photo of the report (R35).
    const form = page.locator('[data-testid=appeal-form]');
    await form.waitFor();
    await form.locator('textarea').fill(reason);
    // A phone's browser asks first: take a picture, or choose one from the album.
    await form.locator('taro-button-core', { hasText: '添加照片' }).click();
    const album = page.locator('.taro-actionsheet__cell', { hasText: '从相册选择' });
    await album.waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), album.click()]);
    await chooser.setFiles(reportFile);
    await form.getByText('已添加 1 张照片').waitFor();
    await j.shot(page, 'form');
    await form.locator('taro-button-core', { hasText: '提交申诉' }).click();
    const mine = page.locator('[data-testid=appeal-list] .appeal-item');
    await mine.first().waitFor();
    expect(await mine.count()).toBe(1);
    expect(await mine.first().getAttribute('data-status')).toBe('open');
    expect(await mine.first().textContent()).toContain('处理中');
    expect(await mine.first().textContent()).toContain(reason);
    await page.locator('[data-testid=appeal-open]').waitFor();
    await j.shot(page, 'filed');
    const appealId = (await mine.first().getAttribute('data-testid'))!.replace(/^appeal-/, '');

    // ---- The official, on his own phone: the appeals queue from the console's menu.
    const official = await j.phone();
    const desk = official.page;
    await j.login(desk, DEMO.official, { registered: false });
    await desk.goto(j.url('/console/pages/home/index'));
    await desk.locator('[data-testid=menu-appeals]').click();
    await desk.waitForURL(/#\/console\/pages\/appeals\/index/);
    const queued = desk.locator(`[data-testid=appeal-${appealId}]`);
    await queued.waitFor();
    const inQueue = (await queued.textContent()) ?? '';
    for (const part of [maskName(contact.name), maskIdNumber(contact.idNumber), '黄码', reason, '附证明材料']) expect(inQueue).toContain(part);
    for (const whole of [contact.name, contact.idNumber]) expect(inQueue).not.toContain(whole);
    await j.shot(desk, 'queue');

    await queued.click();
    await desk.waitForURL(/#\/console\/pages\/appeal\/index\?id=/);
    const detail = desk.locator('[data-testid=appeal-detail]');
    await detail.waitFor();
    expect(await detail.textContent()).toContain(reason);
    // The photo is fetched only when asked for (and that look is audited).
    await desk.locator('taro-button-core', { hasText: '查看证明材料' }).click();
    const evidence = desk.locator('[data-testid=appeal-evidence] img');
    await evidence.waitFor();
    await desk.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 240, await evidence.elementHandle());

    // Accepted: corrected to green (offered first for a yellow code), with the answer the resident reads.
    await detail.locator('taro-button-core', { hasText: '采纳并更正颜色' }).click();
    const dialog = desk.locator('[data-testid=console-dialog]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid=chip-green]').getAttribute('data-active')).toBe('yes');
    await dialog.locator('[data-testid=reason] textarea').fill(answer);
    await j.shot(desk, 'accept');
    await dialog.locator('taro-button-core', { hasText: '采纳并更正颜色' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => detail.locator('.console-badge').textContent(), (v) => expect(v?.trim()).toBe('已采纳'));
    const answered = (await detail.textContent()) ?? '';
    expect(answered).toContain(answer);
    expect(answered).toContain('更正为绿码');
    await j.shot(desk, 'accepted');

    // Written to the audit log with the answer (R33).
    const officialToken = await j.server.login(DEMO.official);
    const audit = await j.server.api('GET', '/officials/audit?action=appeal.accept', { token: officialToken });
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body.records)).toContain(appealId);

    // ---- Back on the resident's phone: the code page is green again, with no pop-up.
    await page.goBack();
    await page.waitForURL(/#\/pages\/index\/index/);
    await eventually(() => card.getAttribute('data-colour'), (v) => expect(v).toBe('green'));
    const block = card.locator('.colour-block');
    expect((await block.locator('.colour-name').textContent())?.trim()).toBe('绿码');
    expect(await cssOf(block, 'background-color')).toBe('rgb(26, 127, 55)');
    expect(await reasons.count()).toBe(0);
    await j.shot(page, 'green-again');

    // And in help, his appeal with its state and the official's answer.
    await page.locator('.nav-item', { hasText: '帮助' }).click();
    await page.waitForURL(/#\/pages\/help\/index/);
    const item = page.locator(`[data-testid=appeal-${appealId}]`).filter({ visible: true });
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('accepted');
    const shown = (await item.textContent()) ?? '';
    for (const part of ['已受理，颜色已改正', '改正为绿码', `答复：${answer}`, '附有证明材料']) expect(shown).toContain(part);
    await item.scrollIntoViewIfNeeded();
    await j.shot(page, 'answer');

    for (const phone of [resident, official]) {
      expect(await phone.cspViolations()).toEqual([]);
      expect(phone.errors).toEqual([]);
    }
  });
});
