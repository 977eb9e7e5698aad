import { makeIdNumber, maskIdNumber, maskPhone } from '@health-code/shared';
import { createTestContext } from './helpers/context';
import { bearer, registerResident } from './helpers/actors';
import { findPersonalNumbers } from './helpers/privacy';

describe('R34: whole ID and phone numbers never leave the app', () => {
  const id = makeIdNumber({ birthDate: '1991-02-03', sex: 'female', seq: 77 });
  const phone = '13912345678';

  it('R34: the detector finds whole numbers and ignores masked ones and timestamps', () => {
    expect(findPersonalNumbers(`{"idNumber":"${id}","phone":"${phone}"}`)).toEqual([id, phone]);
    expect(findPersonalNumbers(`{"idNumber":"${maskIdNumber(id)}","phone":"${maskPhone(phone)}"}`)).toEqual([]);
    expect(findPersonalNumbers('{"at":1795392000000,"n":"139123456789"}')).toEqual([]);
    // 18 digits with a wrong check character are not an ID number.
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(findPersonalNumbers(wrong)).toEqual([]);
  });

  it('R34: every test context fails its suite when a response or log line holds a whole number', async () => {
    const t = await createTestContext();
    t.logs.push(JSON.stringify({ msg: 'oops', phone }));
    await expect(t.close()).rejects.toThrow(/R34/);
  });

  it('R34: registering, reading oneself and failing validation answer and log masked numbers only', async () => {
    const t = await createTestContext();
    const r = await registerResident(t, { code: 'privacy-1', seq: 78, phone: '13987654321' });
    const me = await t.request().get('/api/v1/me').set(bearer(r));
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.body)).toContain(maskIdNumber(r.idNumber));
    // A refused registration names the field but does not echo the number back.
    const again = await registerResident(t, { code: 'privacy-2', seq: 78, idNumber: r.idNumber, phone: '13987654322' }).catch((e: Error) => e);
    expect(again).toBeInstanceOf(Error);
    expect(t.responses.length).toBeGreaterThan(3);
    await t.close();
  });
});
