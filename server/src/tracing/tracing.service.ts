import type { Knex } from 'knex';
import type { z } from 'zod';
import { maskIdNumber, maskName, maskPhone, type caseSummaryView, type caseView, type traceReport } from '@health-code/shared';
import type { AuditLog } from '../audit/audit';
import { isUniqueViolation } from '../db/dialect';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { AuthState } from '../http/route';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { lookup } from '../regions/regions';
import type { Resident, ResidentsRepository } from '../residents/residents.repository';
import type { CasesRepository, ConfirmedCase, Contact } from './cases.repository';
import type { ScanVisit, ScanVisitsRepository, VenueRange } from './scan-visits.repository';

const MINUTE = 60 * 1000;
const DAY = 24 * 3600 * 1000;
/** Tracing never reads further back than the colour rules do (R32: the last 14 days). */
const TRACE_MAX_DAYS = 14;
/** Onset dates are local calendar days (China Standard Time, UTC+8). */
const LOCAL_OFFSET_MS = 8 * 3600 * 1000;

export interface TracingSettings {
  beforeMinutes: number;
  afterMinutes: number;
  onsetLeadDays: number;
}

export type CaseView = z.infer<typeof caseView>;
export type TraceReport = z.infer<typeof traceReport>;
export type CaseSummary = z.infer<typeof caseSummaryView>;

const localDate = (at: number) => new Date(at + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
const localDayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`) - LOCAL_OFFSET_MS;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A person as an official's screen shows him: masked name, ID and phone (R34). */
export function maskPerson(r: Resident) {
  return { residentId: r.id, name: maskName(r.name), idNumber: maskIdNumber(r.idNumber), phone: r.phone ? maskPhone(r.phone) : null };
}

/**
 * Confirmed cases and contact tracing (R31, R32, R33). Recording a case traces it in the same
 * transaction: the case's scans from onset minus the lead days (at most 14 days back) to now,
 * and for each, everyone else's scans at that venue from `beforeMinutes` before to
 * `afterMinutes` after it (both ends included). Each such scan is a contact flag, unique per
 * (case, person, venue, time), so tracing again only adds what is new. Every step is audited.
 */
export class TracingService {
  constructor(
    private readonly db: Knex,
    private readonly cases: CasesRepository,
    private readonly scans: ScanVisitsRepository,
    private readonly residents: ResidentsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly settings: TracingSettings,
    /** A case and its contacts change many colours at once (R31, R32): cached colours are dropped. */
    private readonly colourChangedForEveryone: () => void = () => undefined,
  ) {}

  async record(actor: AuthState, input: { residentId?: string; idNumber?: string; onsetDate: string; note?: string }): Promise<{ case: CaseView; report: TraceReport }> {
    const now = this.clock.now();
    if (input.onsetDate > localDate(now.getTime())) throw new ValidationError('VALIDATION_FAILED', { fields: [{ path: 'onsetDate', code: 'FUTURE_TIME' }] });
    const resident = input.idNumber ? await this.residents.findByIdNumber(input.idNumber) : await this.residents.findById(input.residentId!);
    if (!resident) {
      // A lookup by ID number is a look at personal data even when it finds nobody (R33).
      await this.audit.write({
        actorId: actor.accountId,
        actorRole: actor.role,
        action: 'case.record.refused',
        targetType: 'resident',
        targetId: input.residentId,
        details: { reason: 'RESIDENT_NOT_FOUND', ...(input.idNumber ? { idNumber: maskIdNumber(input.idNumber) } : {}) },
      });
      throw new NotFoundError('RESIDENT_NOT_FOUND');
    }
    const record: ConfirmedCase = {
      id: newId(now.getTime()),
      residentId: resident.id,
      onsetDate: input.onsetDate,
      note: input.note ? input.note : null,
      confirmedAt: now,
      recordedBy: actor.accountId,
      tracedAt: null,
      traceFrom: null,
      traceTo: null,
      windowBeforeMinutes: null,
      windowAfterMinutes: null,
      closedAt: null,
      closedBy: null,
      closeReason: null,
    };
    try {
      await this.db.transaction(async (trx) => {
        if (await this.cases.openCaseOf(resident.id, trx)) throw new ConflictError('CASE_ALREADY_OPEN');
        await this.cases.insert(record, trx);
        await this.audit.write(
          {
            actorId: actor.accountId,
            actorRole: actor.role,
            action: 'case.record',
            targetType: 'case',
            targetId: record.id,
            details: { residentId: resident.id, by: input.idNumber ? 'idNumber' : 'residentId', onsetDate: record.onsetDate },
          },
          trx,
        );
        await this.runTrace(actor, record, now, trx);
      });
      this.colourChangedForEveryone();
    } catch (err) {
      // Two officials recording the same person at once: the unique open case key decides.
      if (isUniqueViolation(err)) throw new ConflictError('CASE_ALREADY_OPEN');
      throw err;
    }
    const saved = (await this.cases.findById(record.id))!;
    return { case: this.caseOut(saved, resident), report: await this.buildReport(saved) };
  }

  /** Traces an open case again (later scans, late uploads): adds only what is new. */
  async retrace(actor: AuthState, caseId: string): Promise<TraceReport> {
    const now = this.clock.now();
    await this.db.transaction(async (trx) => {
      const c = await this.cases.findById(caseId, trx, { lock: true });
      if (!c) throw new NotFoundError('CASE_NOT_FOUND');
      if (c.closedAt) throw new ConflictError('CASE_ALREADY_CLOSED');
      await this.runTrace(actor, c, now, trx);
    });
    this.colourChangedForEveryone();
    return this.buildReport((await this.cases.findById(caseId))!);
  }

  /** The worklist: open (or closed) cases, each person masked; a look at personal data, so audited (R33). */
  async list(actor: AuthState, query: { status: 'open' | 'closed'; page: number; pageSize: number }): Promise<{ cases: CaseSummary[]; page: number; pageSize: number; total: number }> {
    const { cases, total } = await this.cases.list(query.status, (query.page - 1) * query.pageSize, query.pageSize);
    const ids = cases.map((c) => c.id);
    const [people, counts] = await Promise.all([this.residents.findByIds([...new Set(cases.map((c) => c.residentId))]), this.cases.contactCounts(ids)]);
    const byId = new Map(people.map((r) => [r.id, r]));
    await this.audit.write({
      actorId: actor.accountId,
      actorRole: actor.role,
      action: 'case.list',
      details: { status: query.status, page: query.page, count: cases.length },
    });
    return {
      cases: cases.map((c) => this.summaryOut(c, byId.get(c.residentId)!, counts.get(c.id) ?? 0)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /** One case with its masked person and contact count (audited, R33). */
  async get(actor: AuthState, caseId: string): Promise<CaseSummary> {
    const c = await this.cases.findById(caseId);
    if (!c) throw new NotFoundError('CASE_NOT_FOUND');
    const [resident, counts] = await Promise.all([this.residents.findById(c.residentId), this.cases.contactCounts([c.id])]);
    await this.audit.write({ actorId: actor.accountId, actorRole: actor.role, action: 'case.view', targetType: 'case', targetId: c.id, details: {} });
    return this.summaryOut(c, resident!, counts.get(c.id) ?? 0);
  }

  /** The tracing report as it stands, read again from the stored visits and flags (audited). */
  async report(actor: AuthState, caseId: string): Promise<TraceReport> {
    const c = await this.cases.findById(caseId);
    if (!c) throw new NotFoundError('CASE_NOT_FOUND');
    const report = await this.buildReport(c);
    await this.audit.write({
      actorId: actor.accountId,
      actorRole: actor.role,
      action: 'case.report.view',
      targetType: 'case',
      targetId: c.id,
      details: { venues: report.venues.length, contacts: report.total },
    });
    return report;
  }

  /** Closes an open case (recovered, ...): the person's code is no longer red for it (R4). */
  async close(actor: AuthState, caseId: string, reason: string): Promise<CaseView> {
    const now = this.clock.now();
    await this.db.transaction(async (trx) => {
      const c = await this.cases.findById(caseId, trx, { lock: true });
      if (!c) throw new NotFoundError('CASE_NOT_FOUND');
      if (c.closedAt) throw new ConflictError('CASE_ALREADY_CLOSED');
      await this.cases.close(c.id, actor.accountId, now, reason, trx);
      await this.audit.write(
        { actorId: actor.accountId, actorRole: actor.role, action: 'case.close', targetType: 'case', targetId: c.id, details: { residentId: c.residentId, reason } },
        trx,
      );
    });
    this.colourChangedForEveryone();
    const c = (await this.cases.findById(caseId))!;
    return this.caseOut(c, (await this.residents.findById(c.residentId))!);
  }

  /** The period of the case's visits that tracing reads: onset minus the lead days, at most 14 days back, up to now. */
  periodOf(c: ConfirmedCase, now: Date): { from: Date; to: Date } {
    const fromOnset = localDayStart(c.onsetDate) - this.settings.onsetLeadDays * DAY;
    return { from: new Date(Math.max(fromOnset, now.getTime() - TRACE_MAX_DAYS * DAY)), to: now };
  }

  private async runTrace(actor: AuthState, c: ConfirmedCase, now: Date, trx: Knex.Transaction): Promise<void> {
    const { beforeMinutes, afterMinutes } = this.settings;
    const period = this.periodOf(c, now);
    const before = await this.cases.countContacts(c.id, trx);
    const visits = await this.scans.ofResident(c.residentId, period.from, period.to, trx);
    await this.cases.addVisits(
      visits.map((v) => ({ id: newId(now.getTime()), caseId: c.id, scanId: v.scanId, venueId: v.venueId, region: v.region, at: v.at })),
      trx,
    );
    const found = await this.scans.inRanges(mergeRanges(visits, beforeMinutes * MINUTE, afterMinutes * MINUTE), c.residentId, trx);
    const flags = new Map<string, Contact>();
    for (const scan of found) {
      // The earliest visit of the case whose window holds this scan (the query matched merged ranges).
      const visit = visits.find(
        (v) => v.venueId === scan.venueId && scan.at.getTime() >= v.at.getTime() - beforeMinutes * MINUTE && scan.at.getTime() <= v.at.getTime() + afterMinutes * MINUTE,
      );
      if (!visit) continue;
      const key = `${scan.residentId}|${scan.venueId}|${scan.at.getTime()}`;
      if (!flags.has(key)) {
        flags.set(key, { id: newId(now.getTime()), caseId: c.id, residentId: scan.residentId, venueId: scan.venueId, at: scan.at, caseVisitAt: visit.at, flaggedAt: now });
      }
    }
    await this.cases.addContacts([...flags.values()], trx);
    const after = await this.cases.countContacts(c.id, trx);
    // Keep the widest period ever traced, so the report describes every visit it holds.
    const from = c.traceFrom && c.traceFrom.getTime() < period.from.getTime() ? c.traceFrom : period.from;
    await this.cases.setTraced(c.id, { tracedAt: now, from, to: period.to, beforeMinutes, afterMinutes }, trx);
    await this.audit.write(
      {
        actorId: actor.accountId,
        actorRole: actor.role,
        action: 'case.trace',
        targetType: 'case',
        targetId: c.id,
        // Counts only: the people themselves are in the contacts table, not in the log.
        details: {
          from: period.from.toISOString(),
          to: period.to.toISOString(),
          windowBeforeMinutes: beforeMinutes,
          windowAfterMinutes: afterMinutes,
          caseVisits: visits.length,
          venues: new Set(visits.map((v) => v.venueId)).size,
          contactScans: found.length,
          newFlags: after.flags - before.flags,
          newContacts: after.people - before.people,
          contacts: after.people,
        },
      },
      trx,
    );
  }

  private async buildReport(c: ConfirmedCase): Promise<TraceReport> {
    const [visits, contacts] = await Promise.all([this.cases.visitsOf(c.id), this.cases.contactsOf(c.id)]);
    const people = new Map((await this.residents.findByIds([...new Set(contacts.map((x) => x.residentId))])).map((r) => [r.id, r]));
    const venues = new Map<string, TraceReport['venues'][number] & { people: Set<string> }>();
    for (const v of visits) {
      const entry = venues.get(v.venueId) ?? {
        venueId: v.venueId,
        venueName: v.venueName,
        region: v.region,
        regionName: lookup(v.region)?.name ?? v.region,
        caseVisits: 0,
        visitTimes: [],
        contacts: 0,
        people: new Set<string>(),
      };
      entry.caseVisits += 1;
      entry.visitTimes.push(v.at.toISOString());
      venues.set(v.venueId, entry);
    }
    const byPerson = new Map<string, TraceReport['contacts'][number]>();
    for (const x of contacts) {
      venues.get(x.venueId)?.people.add(x.residentId);
      const person = people.get(x.residentId);
      if (!person) continue;
      const entry = byPerson.get(x.residentId) ?? { ...maskPerson(person), encounters: [] };
      entry.encounters.push({ venueId: x.venueId, venueName: x.venueName, at: x.at.toISOString(), caseVisitAt: x.caseVisitAt.toISOString() });
      byPerson.set(x.residentId, entry);
    }
    return {
      caseId: c.id,
      tracedAt: iso(c.tracedAt),
      period: c.traceFrom && c.traceTo ? { from: c.traceFrom.toISOString(), to: c.traceTo.toISOString() } : null,
      window: c.windowBeforeMinutes !== null && c.windowAfterMinutes !== null ? { beforeMinutes: c.windowBeforeMinutes, afterMinutes: c.windowAfterMinutes } : null,
      venues: [...venues.values()].map(({ people: found, ...v }) => ({ ...v, contacts: found.size })),
      // Contacts arrive oldest encounter first, so the list is in order of first contact.
      contacts: [...byPerson.values()],
      total: byPerson.size,
    };
  }

  private summaryOut(c: ConfirmedCase, resident: Resident, contacts: number): CaseSummary {
    return { ...this.caseOut(c, resident), tracedAt: iso(c.tracedAt), contacts };
  }

  private caseOut(c: ConfirmedCase, resident: Resident): CaseView {
    return {
      id: c.id,
      person: maskPerson(resident),
      onsetDate: c.onsetDate,
      note: c.note,
      confirmedAt: c.confirmedAt.toISOString(),
      status: c.closedAt ? 'closed' : 'open',
      closedAt: iso(c.closedAt),
      closeReason: c.closeReason,
    };
  }
}

/**
 * The windows around the case's visits as venue ranges, overlapping or touching windows at the
 * same venue merged into one, so the query reads each scan once.
 */
export function mergeRanges(visits: ScanVisit[], beforeMs: number, afterMs: number): VenueRange[] {
  const byVenue = new Map<string, Array<[number, number]>>();
  for (const v of visits) {
    const list = byVenue.get(v.venueId) ?? [];
    list.push([v.at.getTime() - beforeMs, v.at.getTime() + afterMs]);
    byVenue.set(v.venueId, list);
  }
  const ranges: VenueRange[] = [];
  for (const [venueId, list] of byVenue) {
    list.sort((a, b) => a[0] - b[0]);
    let [from, to] = list[0];
    for (const [f, t] of list.slice(1)) {
      if (f <= to) to = Math.max(to, t);
      else {
        ranges.push({ venueId, from: new Date(from), to: new Date(to) });
        [from, to] = [f, t];
      }
    }
    ranges.push({ venueId, from: new Date(from), to: new Date(to) });
  }
  return ranges;
}
