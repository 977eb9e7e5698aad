import { makeIdNumber } from '@health-code/shared';
import type { TestContext } from './context';
import type { Role } from '../../src/http/route';

let counter = 0;
/** A fresh synthetic mobile number per call (never a real person's). */
export function nextPhone(): string {
  counter += 1;
  return `139${String(10000000 + ((process.pid * 7919 + counter) % 90000000)).slice(-8)}`;
}

export interface Actor {
  token: string;
  accountId: string;
}

export interface ResidentActor extends Actor {
  residentId: string;
  idNumber: string;
  phone: string;
  name: string;
}

/** Logs in through the development platform; optionally gives the account a staff role. */
export async function loginAs(t: TestContext, code: string, role?: Role, platform: 'dev' | 'wechat' | 'alipay' = 'dev'): Promise<Actor> {
  let res = await t.request().post('/api/v1/auth/login').send({ platform, code });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (role && role !== 'resident') {
    await t.services.accounts.setRole(res.body.account.id, role, `Test ${role}`);
    t.services.accountCache.changed(res.body.account.id);
    res = await t.request().post('/api/v1/auth/login').send({ platform, code });
  }
  return { token: res.body.token, accountId: res.body.account.id };
}

/** Logs in and completes real-name registration with a synthetic person. */
export async function registerResident(
  t: TestContext,
  opts: { code: string; seq: number; name?: string; birthDate?: string; sex?: 'male' | 'female'; platform?: 'dev' | 'wechat' | 'alipay'; phone?: string; idNumber?: string },
): Promise<ResidentActor> {
  const actor = await loginAs(t, opts.code, undefined, opts.platform ?? 'dev');
  const idNumber = opts.idNumber ?? makeIdNumber({ birthDate: opts.birthDate ?? '1990-05-17', sex: opts.sex ?? 'female', seq: opts.seq });
  const phone = opts.phone ?? nextPhone();
  const name = opts.name ?? '测试居民';
  const sent = await t.request().post('/api/v1/sms/send').set('Authorization', `Bearer ${actor.token}`).send({ phone });
  if (sent.status !== 202) throw new Error(`sms failed: ${sent.status} ${JSON.stringify(sent.body)}`);
  const res = await t
    .request()
    .post('/api/v1/residents/register')
    .set('Authorization', `Bearer ${actor.token}`)
    .send({ name, idNumber, phone, smsCode: t.sms.latest(phone) });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, accountId: actor.accountId, residentId: res.body.resident.id, idNumber, phone, name };
}

export const bearer = (a: Actor) => ({ Authorization: `Bearer ${a.token}` });

export interface InstitutionActor {
  id: string;
  keyId: string;
  apiKey: string;
  name: string;
  kind: 'testing' | 'vaccination';
}

/** An official registers a testing institution or vaccination unit; answers its API key (R28, R29). */
export async function createInstitution(t: TestContext, official: Actor, kind: 'testing' | 'vaccination', name = kind === 'testing' ? '测试核酸检测机构' : '测试疫苗接种点'): Promise<InstitutionActor> {
  const res = await t.request().post('/api/v1/officials/institutions').set(bearer(official)).send({ name, kind });
  if (res.status !== 201) throw new Error(`institution failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, keyId: res.body.keyId, apiKey: res.body.apiKey, name, kind };
}

export const apiKey = (i: InstitutionActor) => ({ Authorization: `Bearer ${i.apiKey}` });
