import type { Test } from 'supertest';
import { makeSocialCreditCode } from '@health-code/shared';
import type { TestContext } from '../helpers/context';
import { bearer, nextPhone, type Actor } from '../helpers/actors';

let seq = 0;

/** A category of the seeded default list by its Chinese name. */
export async function categoryId(t: TestContext, nameZh: string): Promise<string> {
  const res = await t.request().get('/api/v1/venue-categories');
  const found = (res.body.categories as Array<{ id: string; nameZh: string }>).find((c) => c.nameZh === nameZh);
  if (!found) throw new Error(`no category ${nameZh}`);
  return found.id;
}

/** A valid application body with synthetic data (a made-up social credit code and phone). */
export async function application(t: TestContext, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  seq += 1;
  return {
    name: `测试便利店${seq}号店`,
    categoryId: await categoryId(t, '超市'),
    address: `广东省深圳市南山区测试路${seq}号`,
    region: '440305',
    socialCreditCode: makeSocialCreditCode(70_000 + seq),
    unitName: '测试商贸有限公司',
    contactPhone: nextPhone(),
    ...overrides,
  };
}

export function apply(t: TestContext, who: Actor, body: Record<string, unknown>, lang = 'zh-CN') {
  return t.request().post('/api/v1/me/venues').set(bearer(who)).set('Accept-Language', lang).send(body);
}

/** Applies and has an official pass it; answers the venue as its owner sees it. */
export async function passedVenue(t: TestContext, owner: Actor, official: Actor, overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const applied = await apply(t, owner, await application(t, overrides));
  if (applied.status !== 201) throw new Error(`apply failed: ${applied.status} ${JSON.stringify(applied.body)}`);
  const passed = await t.request().post(`/api/v1/officials/venues/${applied.body.id}/approve`).set(bearer(official));
  if (passed.status !== 200) throw new Error(`approve failed: ${passed.status} ${JSON.stringify(passed.body)}`);
  return { id: applied.body.id, name: applied.body.name };
}

type Parser = Parameters<Test['parse']>[0];

/**
 * Reads a binary answer (PNG, PDF) into a Buffer with supertest. Under Node, superagent hands
 * parsers the response stream, though its types name its own Response.
 */
export const binary = ((res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => done(null, Buffer.concat(chunks)));
  res.on('error', (err: Error) => done(err, Buffer.alloc(0)));
}) as unknown as Parser;
