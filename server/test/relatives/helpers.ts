import { makeIdNumber } from '@health-code/shared';
import type { TestContext } from '../helpers/context';
import { bearer, type Actor } from '../helpers/actors';

/**
 * Birth dates giving each age on the test clock's day (2026-11-22): the day before a birthday
 * and the birthday itself, so the edges of R21 and R24 are exact.
 */
export const BORN = {
  age0: '2026-03-01',
  bornToday: '2026-11-22',
  age6: '2019-11-23', // 7 tomorrow
  age7: '2019-11-22', // 7 today
  age10: '2016-04-10',
  age16: '2009-11-23', // 17 tomorrow
  age17: '2009-11-22',
  age59: '1966-11-23', // 60 tomorrow
  age60: '1966-11-22',
  age72: '1954-08-08',
  age95: '1931-06-15',
} as const;

export interface Person {
  name: string;
  idNumber: string;
}

/** A synthetic person; `region` keeps one test file's people apart from another's. */
export function person(birthDate: string, seq: number, name = '林小木', region = '110101'): Person {
  return { name, idNumber: makeIdNumber({ region, birthDate, sex: seq % 2 ? 'male' : 'female', seq }) };
}

export function bind(t: TestContext, who: Actor, p: Person, extra: Record<string, unknown> = {}, lang = 'zh-CN') {
  return t.request().post('/api/v1/me/relatives').set(bearer(who)).set('Accept-Language', lang).send({ name: p.name, idNumber: p.idNumber, ...extra });
}

export const FACE_OK = { faceCheckToken: 'dev-face-ok' };
export const HOUR = 3600 * 1000;
