import { maskIdNumber, maskName, maskPhone } from '@health-code/shared';
import type { Resident } from './residents.repository';

/** The masked view every response uses by default (R8, R34). */
export function residentView(r: Resident) {
  return {
    id: r.id,
    name: maskName(r.name),
    idNumber: maskIdNumber(r.idNumber),
    phone: r.phone ? maskPhone(r.phone) : null,
    birthDate: r.birthDate,
    sex: r.sex,
    region: r.region,
  };
}
