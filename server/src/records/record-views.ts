import type { TestResult } from './test-results.repository';
import type { Vaccination } from './vaccinations.repository';
import type { Declaration } from './declarations.repository';

/** How a resident's records are shown, to himself or to his guardian (R26, R28, R29, R36). */
export function testResultOut(t: TestResult & { institutionName: string }) {
  return { id: t.id, result: t.result, sampledAt: t.sampledAt.toISOString(), reportedAt: t.reportedAt.toISOString(), institution: t.institutionName };
}

export function vaccinationOut(v: Vaccination & { institutionName: string }) {
  return { id: v.id, doseNumber: v.doseNumber, vaccine: v.vaccine, vaccinatedAt: v.vaccinatedAt.toISOString(), institution: v.institutionName };
}

export function declarationOut(d: Declaration) {
  return { id: d.id, declaredAt: d.declaredAt.toISOString(), symptoms: d.symptoms, temperature: d.temperature, trips: d.trips };
}
