import { errorMessages } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, registerResident, type ResidentActor } from '../helpers/actors';
import { bind, BORN, FACE_OK, person } from './helpers';

let t: TestContext;
let seq = 0;
let guardianSeq = 100;
const fresh = (birthDate: string = BORN.age0) => person(birthDate, ++seq, '林小木', '120101');
const newGuardian = (code: string) => registerResident(t, { code, seq: ++guardianSeq, name: '林大山' });
const countBindings = async (where: Record<string, string>) => Number((await t.db('relative_bindings').where(where).count({ n: '*' }))[0].n);

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('R22: at most 8 relatives per guardian, 3 guardians per relative', () => {
  it('R22: an account binds at most 8 relatives; the ninth is refused with its own code', async () => {
    const g = await newGuardian('limit-eight');
    for (let i = 0; i < 8; i++) {
      const res = await bind(t, g, fresh(i % 2 ? BORN.age0 : BORN.age95), i % 2 ? {} : FACE_OK);
      expect([i, res.status]).toEqual([i, 201]);
    }
    const refused = fresh();
    const ninth = await bind(t, g, refused, {}, 'en-US');
    expect([ninth.status, ninth.body.error.code]).toEqual([409, 'RELATIVE_LIMIT_REACHED']);
    expect(ninth.body.error.message).toBe('An account can add at most 8 relatives; remove one first');
    const zh = await bind(t, g, fresh());
    expect(zh.body.error.message).toBe('每个账号最多添加 8 位亲属；请先解除一位亲属的绑定');
    expect(await countBindings({ guardian_id: g.residentId })).toBe(8);
    const list = await t.request().get('/api/v1/me/relatives').set(bearer(g));
    expect(list.body.relatives).toHaveLength(8);
    // The refused ninth was not stored as a person either.
    expect(await t.services.residents.findByIdNumber(refused.idNumber)).toBeNull();
  });

  it('R22: a relative is bound by at most 3 accounts; the fourth is refused with its own code', async () => {
    const p = fresh(BORN.age72);
    const guardians: ResidentActor[] = [];
    for (let i = 0; i < 4; i++) guardians.push(await newGuardian(`limit-three-${i}`));
    for (const g of guardians.slice(0, 3)) expect((await bind(t, g, p, FACE_OK)).status).toBe(201);
    const fourth = await bind(t, guardians[3], p, FACE_OK, 'en-US');
    expect([fourth.status, fourth.body.error.code]).toEqual([409, 'RELATIVE_GUARDIAN_LIMIT_REACHED']);
    expect(fourth.body.error.message).toBe(errorMessages.RELATIVE_GUARDIAN_LIMIT_REACHED.en.replace('{max}', '3'));
  });

  it('R22: simultaneous binds cannot make a ninth relative', async () => {
    const g = await newGuardian('limit-race-eight');
    for (let i = 0; i < 5; i++) expect((await bind(t, g, fresh())).status).toBe(201);
    // Six at once for three free places: exactly three win, whatever the interleaving.
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => bind(t, g, fresh(i % 2 ? BORN.age0 : BORN.age60), i % 2 ? {} : FACE_OK)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(['RELATIVE_LIMIT_REACHED', 'RELATIVE_LIMIT_REACHED', 'RELATIVE_LIMIT_REACHED']);
    expect(await countBindings({ guardian_id: g.residentId })).toBe(8);
  });

  it('R22: simultaneous binds of the same new relative by five accounts cannot make a fourth guardian', async () => {
    const p = fresh(BORN.age6);
    const guardians: ResidentActor[] = [];
    for (let i = 0; i < 5; i++) guardians.push(await newGuardian(`limit-race-three-${i}`));
    const results = await Promise.all(guardians.map((g) => bind(t, g, p)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'RELATIVE_GUARDIAN_LIMIT_REACHED')).toBe(true);
    // One person, created once, whatever bind created him.
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const [relativeId] = ids;
    expect(await countBindings({ relative_id: relativeId as string })).toBe(3);
    const people = await t.services.residents.findByIdNumbers([p.idNumber]);
    expect(people.get(p.idNumber)?.id).toBe(relativeId);
  });

  it('R22: simultaneous binds of an already known relative cannot make a fourth guardian either', async () => {
    const p = fresh(BORN.age60);
    const first = await newGuardian('limit-race-known-0');
    expect((await bind(t, first, p, FACE_OK)).status).toBe(201);
    const others: ResidentActor[] = [];
    for (let i = 1; i <= 4; i++) others.push(await newGuardian(`limit-race-known-${i}`));
    const results = await Promise.all(others.map((g) => bind(t, g, p, FACE_OK)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409]);
    expect(await countBindings({ relative_id: results.find((r) => r.status === 201)!.body.id })).toBe(3);
  });

  it('R22: the same relative sent four times at once is bound once; the others are duplicates', async () => {
    const g = await newGuardian('limit-race-duplicate');
    const p = fresh();
    const results = await Promise.all(Array.from({ length: 4 }, () => bind(t, g, p)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'RELATIVE_ALREADY_BOUND')).toBe(true);
    expect(await countBindings({ guardian_id: g.residentId })).toBe(1);
  });
});
