import { appendWriteAudit, auditedWrite } from '@hub/audit';
import { randomInt } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DISCREPANCY_KINDS,
  ErrorCode,
  HubError,
  checkedCode,
  checkedDwellingId,
  checkedIdNumber,
  checkedPastDate,
  escapeLike,
  type Department,
  type RequestIdentity,
  CORRECTION_REQUEST_ID_PATTERN,
} from '@hub/access';
import { GRID_CODE_PATTERN, RENTAL_USE, personIdFor, personIdSecret, todayInChina } from '@hub/domain';
import { decodeCursor, pageSize, toPage } from '@hub/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CORRECTION_STATUSES, CorrectionRequest, CorrectionRequestStep, type CorrectionStatus } from '../entities/correction-request.entity';
import { CorrectionRequestConnection, FIELD_CHANGE_KINDS, ProposeFieldChangeInput, RaiseCorrectionInput } from '../entities/correction-request.type';
import { DwellingGrid } from '../entities/dwelling-grid.entity';
import { Discrepancy } from '../entities/discrepancy.type';
import { Person } from '../entities/stubs';
import { correctionLoaders } from '../loaders/correction.loaders';
import type { GridContext } from './context';
import { decodeDiscrepancyId, discrepancyKey } from './discrepancy-identity';

const MAX_TEXT = 1000;
/** The field class of the access log for correction writes (the subject is the discrepancy's person). */
const WRITE_CLASS = 'grid.correction.write';

/** `CR` + UTC time to the millisecond + 4 random digits: 23 characters, sortable by when it was raised. */
function newRequestId(now = new Date()): string {
  return `CR${now.toISOString().replace(/\D/g, '').slice(0, 17)}${String(randomInt(10_000)).padStart(4, '0')}`;
}

function checkedText(value: string | null | undefined, what: string, required: boolean): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) {
    if (required) throw new HubError(ErrorCode.BAD_USER_INPUT, `${what} is required`);
    return null;
  }
  if (text.length > MAX_TEXT) throw new HubError(ErrorCode.BAD_USER_INPUT, `${what} must be at most ${MAX_TEXT} characters; got ${text.length}`);
  return text;
}

function checkedRequestId(id: string): string {
  if (!CORRECTION_REQUEST_ID_PATTERN.test(id)) throw new HubError(ErrorCode.BAD_USER_INPUT, `"${String(id).slice(0, 30)}" is not a correction request id (CR followed by 21 digits)`);
  return id;
}

/** What a request is when it is raised, whatever raised it (a discrepancy or a visit): waiting, unanswered, version 1. */
type RaisedFields = Omit<CorrectionRequest, 'status' | 'answer' | 'raisedBy' | 'raisedAt' | 'resolvedBy' | 'resolvedAt' | 'version'>;

function raisedRequest(identity: RequestIdentity, now: Date, fields: RaisedFields): CorrectionRequest {
  return Object.assign(new CorrectionRequest(), {
    ...fields,
    status: 'RAISED',
    answer: null,
    raisedBy: identity.sub,
    raisedAt: now,
    resolvedBy: null,
    resolvedAt: null,
    version: 1,
  } satisfies CorrectionRequest);
}

/** The answerable state of a request, as its history keeps it before and after each step. */
function snapshot(request: CorrectionRequest): Record<string, unknown> {
  return {
    status: request.status,
    targetDepartment: request.targetDepartment,
    recordType: request.recordType,
    recordId: request.recordId,
    proposedCorrection: request.proposedCorrection,
    answer: request.answer,
    resolvedBy: request.resolvedBy,
    resolvedAt: request.resolvedAt?.toISOString() ?? null,
    version: request.version,
  };
}

function step(request: CorrectionRequest, identity: RequestIdentity, before: Record<string, unknown> | null, at: Date): Partial<CorrectionRequestStep> {
  return { requestId: request.id, version: request.version, action: request.status, actor: identity.sub, actorDepartment: identity.dept, at, before, after: snapshot(request) };
}

/** Who may see a request: the grid center of its grid, and the department it is addressed to (within jurisdiction). */
function visibleTo(identity: RequestIdentity): FilterQuery<CorrectionRequest> {
  const inJurisdiction: FilterQuery<CorrectionRequest> = { gridCode: { $like: `${escapeLike(identity.jurisdiction)}%` } };
  return identity.dept === 'GRID' ? inJurisdiction : { $and: [inJurisdiction, { targetDepartment: identity.dept }] };
}

/** What a visit found, as the owning department will take it over: its record, the proposal (person keys only), whom it is about. */
interface FieldFinding {
  personId: string;
  subjects: string[];
  recordType: string;
  recordId: string;
  proposal: Record<string, string>;
  summary: string;
}

function fieldFinding(input: ProposeFieldChangeInput, today: string, visitedOn: string): FieldFinding {
  const secret = personIdSecret();
  if (input.kind === 'RESIDENT_LEFT') {
    const departure = input.departure;
    if (!departure) throw new HubError(ErrorCode.BAD_USER_INPUT, 'RESIDENT_LEFT needs its departure (the resident, the day they left)');
    const personId = personIdFor(checkedIdNumber(departure.idNumber, 'departure.idNumber'), secret);
    const leftOn = checkedPastDate(departure.leftOn, 'departure.leftOn', today);
    return {
      personId,
      subjects: [personId],
      // Population's record of the person: it checks on taking the request over that they were registered at the dwelling.
      recordType: 'Person',
      recordId: personId,
      proposal: { personId, dwellingId: input.dwellingId, leftOn },
      summary: `走访发现（${visitedOn}）：登记居住在房屋 ${input.dwellingId} 的居民已于 ${leftOn} 迁离。`,
    };
  }
  const tenancy = input.tenancy;
  if (!tenancy) throw new HubError(ErrorCode.BAD_USER_INPUT, `${input.kind} needs its tenancy (tenant, landlord, use, start)`);
  const proposal = {
    tenantPersonId: personIdFor(checkedIdNumber(tenancy.tenantIdNumber, 'tenancy.tenantIdNumber'), secret),
    landlordPersonId: personIdFor(checkedIdNumber(tenancy.landlordIdNumber, 'tenancy.landlordIdNumber'), secret),
    rentalUse: checkedCode(RENTAL_USE, tenancy.rentalUse, 'tenancy.rentalUse'),
    startOn: checkedPastDate(tenancy.startOn, 'tenancy.startOn', today),
  };
  if (proposal.tenantPersonId === proposal.landlordPersonId) throw new HubError(ErrorCode.BAD_USER_INPUT, 'The tenant and the landlord must be two people');
  return {
    personId: proposal.tenantPersonId,
    subjects: [proposal.tenantPersonId, proposal.landlordPersonId],
    recordType: 'Dwelling',
    recordId: input.dwellingId,
    proposal,
    summary: `走访发现（${visitedOn}）：房屋 ${input.dwellingId} 已出租（${RENTAL_USE[proposal.rentalUse]}），${proposal.startOn} 起租，房屋部门尚无此租赁记录。`,
  };
}

@Resolver(() => CorrectionRequest)
export class CorrectionResolver {
  @Query(() => CorrectionRequestConnection, {
    description:
      '纠错单 queue, ordered by when raised: the grid center sees every request of its jurisdiction, a department only those addressed to it within its jurisdiction. Narrowed by status (RAISED | ACCEPTED | REJECTED).',
  })
  async correctionRequests(
    @Ctx() { em, identity }: GridContext,
    @Arg('status', () => String, { nullable: true, description: 'RAISED | ACCEPTED | REJECTED' }) status?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<CorrectionRequestConnection> {
    const conditions: FilterQuery<CorrectionRequest>[] = [visibleTo(identity)];
    if (status !== undefined && status !== null) {
      if (!(CORRECTION_STATUSES as readonly string[]).includes(status)) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, `status must be one of ${CORRECTION_STATUSES.join(', ')}; got "${status.slice(0, 20)}"`);
      }
      conditions.push({ status: status as CorrectionStatus });
    }
    const limit = pageSize(first);
    const afterId = decodeCursor(after);
    const [rows, totalCount] = await Promise.all([
      em.find(CorrectionRequest, { $and: afterId ? [...conditions, { id: { $gt: afterId } }] : conditions }, { orderBy: { id: 'asc' }, limit: limit + 1 }),
      em.count(CorrectionRequest, { $and: conditions }),
    ]);
    return { totalCount, ...toPage(rows, limit, (row) => row.id) };
  }

  @Query(() => CorrectionRequest, {
    nullable: true,
    description: 'One correction request: for the grid center of its grid, or the department it is addressed to (null for any other department, as if there were none)',
  })
  async correctionRequest(@Ctx() { em, identity }: GridContext, @Arg('id', () => ID) id: string): Promise<CorrectionRequest | null> {
    // Another department's queue is none of the caller's business: not even whether a request exists.
    return em.findOne(CorrectionRequest, { $and: [{ id: checkedRequestId(id) }, identity.dept === 'GRID' ? {} : { targetDepartment: identity.dept }] });
  }

  @Mutation(() => CorrectionRequest, {
    description:
      '纠错: the grid center sends a discrepancy of the report (Discrepancy.id) to the department whose record it judges wrong ' +
      "(one of the discrepancy's departments). Refused: an id the report did not give (BAD_USER_INPUT UNKNOWN_DISCREPANCY), a department " +
      "that is not one of the discrepancy's (BAD_USER_INPUT WRONG_TARGET_DEPARTMENT), a grid outside the jurisdiction (OUT_OF_JURISDICTION), " +
      'a discrepancy already waiting for an answer (CONFLICT).',
  })
  async raiseCorrection(@Ctx() { em, identity, audit }: GridContext, @Arg('input', () => RaiseCorrectionInput) input: RaiseCorrectionInput): Promise<CorrectionRequest> {
    if (identity.dept !== 'GRID') throw new HubError(ErrorCode.FORBIDDEN, 'Only the grid center raises corrections');
    const discrepancy = decodeDiscrepancyId(input.discrepancyId);
    if (!discrepancy.gridCode.startsWith(identity.jurisdiction)) {
      audit.note(discrepancy.personId, WRITE_CLASS, 'OUT_OF_JURISDICTION');
      throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `The discrepancy's grid ${discrepancy.gridCode} is outside your jurisdiction ${identity.jurisdiction}`);
    }
    const departments: readonly Department[] = DISCREPANCY_KINDS[discrepancy.kind].departments;
    if (!departments.includes(input.targetDepartment as Department)) {
      throw new HubError(
        ErrorCode.BAD_USER_INPUT,
        `WRONG_TARGET_DEPARTMENT: ${discrepancy.kind} is between ${departments.join(' and ')}; "${String(input.targetDepartment).slice(0, 20)}" is not one of them`,
      );
    }
    const proposedCorrection = checkedText(input.proposedCorrection, 'proposedCorrection', true)!;
    // The target's own record; where its side is a record it lacks (e.g. no floating registration), the person it is about.
    const record = discrepancy.records.find((r) => r.department === input.targetDepartment) ?? { recordType: 'Person', recordId: discrepancy.personId ?? '' };
    const now = new Date();
    const request = raisedRequest(identity, now, {
      id: newRequestId(now),
      discrepancyKey: discrepancyKey(discrepancy),
      kind: discrepancy.kind,
      gridCode: discrepancy.gridCode,
      personId: discrepancy.personId,
      records: discrepancy.records,
      targetDepartment: input.targetDepartment,
      recordType: record.recordType,
      recordId: record.recordId,
      proposedCorrection,
      visitedOn: null,
      proposal: null,
    });
    try {
      await em.transactional(async (tx) => {
        await tx.insert(CorrectionRequest, request);
        await tx.insert(CorrectionRequestStep, step(request, identity, null, now));
        await appendWriteAudit(tx, identity, [request.personId], WRITE_CLASS);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        const open = await em.findOne(CorrectionRequest, { discrepancyKey: request.discrepancyKey, status: 'RAISED' });
        throw new HubError(ErrorCode.CONFLICT, `该差异已有待答复的纠错单 ${open?.id ?? ''} (this discrepancy already has a correction request waiting for ${open?.targetDepartment ?? 'an answer'})`);
      }
      throw error;
    }
    return request;
  }

  @Mutation(() => CorrectionRequest, {
    description:
      '网格员采集: a change found on a visit goes to the department that owns the record as a correction request it takes over through its ' +
      'own mutation and accepts, or rejects: TENANCY_STARTED (a dwelling now let) to housing (recordTenancy), RESIDENT_LEFT (a registered ' +
      'resident gone) to population (recordMoveOut). Nothing is written to the owner’s record here. ' +
      'record here. Idempotent under retry (clientRequestId). Refused: an unknown kind, a dwelling not of the grid, a wrong ID number, a ' +
      'date to come (BAD_USER_INPUT); a grid outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async proposeFieldChange(@Ctx() { em, identity, audit }: GridContext, @Arg('input', () => ProposeFieldChangeInput) input: ProposeFieldChangeInput): Promise<CorrectionRequest> {
    // Object.hasOwn, not a lookup alone: "constructor" would find Object.prototype's and pass as a kind.
    if (!Object.hasOwn(FIELD_CHANGE_KINDS, input.kind))
      throw new HubError(ErrorCode.BAD_USER_INPUT, `kind must be one of ${Object.keys(FIELD_CHANGE_KINDS).join(', ')}; got "${String(input.kind).slice(0, 30)}"`);
    const targetDepartment = FIELD_CHANGE_KINDS[input.kind as keyof typeof FIELD_CHANGE_KINDS];
    if (!GRID_CODE_PATTERN.test(input.gridCode)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'gridCode must be a 15-digit grid code');
    checkedDwellingId(input.dwellingId);
    if (!input.gridCode.startsWith(identity.jurisdiction)) {
      audit.note(null, WRITE_CLASS, 'OUT_OF_JURISDICTION');
      throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Grid ${input.gridCode} is outside your jurisdiction ${identity.jurisdiction}`);
    }
    const today = todayInChina();
    const visitedOn = checkedPastDate(input.visitedOn, 'visitedOn', today);
    const finding = fieldFinding(input, today, visitedOn);
    const note = checkedText(input.note, 'note', false);
    return auditedWrite<EntityManager, CorrectionRequest>(
      em,
      identity,
      { operation: 'proposeFieldChange', clientRequestId: input.clientRequestId, input, fieldClass: WRITE_CLASS },
      async (tx) => {
        const assigned = await tx.findOne(DwellingGrid, { dwellingId: input.dwellingId, grid: { code: input.gridCode } });
        if (!assigned) throw new HubError(ErrorCode.BAD_USER_INPUT, `Dwelling ${String(input.dwellingId).slice(0, 16)} is not one of grid ${input.gridCode}'s`);
        const now = new Date();
        const id = newRequestId(now);
        const request = raisedRequest(identity, now, {
          id,
          // Each visit's finding is its own request: it answers no discrepancy of the report.
          discrepancyKey: `visit:${id}`,
          kind: `FIELD_${input.kind}`,
          gridCode: input.gridCode,
          personId: finding.personId,
          records: [{ department: targetDepartment, recordType: finding.recordType, recordId: finding.recordId }],
          targetDepartment,
          recordType: finding.recordType,
          recordId: finding.recordId,
          proposedCorrection: note ? `${finding.summary}${note}` : finding.summary,
          visitedOn,
          proposal: finding.proposal,
        });
        await tx.insert(CorrectionRequest, request);
        await tx.insert(CorrectionRequestStep, step(request, identity, null, now));
        return { result: request, resultId: id, subjects: finding.subjects, changes: [] };
      },
      (tx, id) => tx.findOneOrFail(CorrectionRequest, { id }),
    );
  }

  @Mutation(() => CorrectionRequest, {
    description:
      'The addressed department accepts a correction request, after correcting its own record through its own mutation (e.g. ' +
      'correctFloatingRegistrationDwelling, endTenancy); `answer` says what was corrected. `version` is the one the caller saw. Refused: ' +
      'a request not addressed to the caller (FORBIDDEN), outside the jurisdiction (OUT_OF_JURISDICTION), already answered or a stale version (CONFLICT).',
  })
  acceptCorrection(
    @Ctx() context: GridContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('answer', () => String, { nullable: true, description: 'What was corrected' }) answer?: string,
  ): Promise<CorrectionRequest> {
    return answerRequest(context, id, version, 'ACCEPTED', checkedText(answer, 'answer', false));
  }

  @Mutation(() => CorrectionRequest, {
    description:
      'The addressed department rejects a correction request with a written reason: its record stands, and the discrepancy shows as disputed. ' +
      'Refused as acceptCorrection is; a missing reason is BAD_USER_INPUT.',
  })
  rejectCorrection(
    @Ctx() context: GridContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String, { description: 'Why the record is right' }) reason: string,
  ): Promise<CorrectionRequest> {
    return answerRequest(context, id, version, 'REJECTED', checkedText(reason, 'reason', true));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "A visit's proposed record, JSON with person keys (e.g. tenantPersonId, landlordPersonId, rentalUse, startOn); null for a discrepancy",
  })
  proposal(@Root() request: CorrectionRequest): string | null {
    return request.proposal ? JSON.stringify(request.proposal) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'When it was raised (ISO 8601)' })
  raisedAt(@Root() request: CorrectionRequest): string {
    return new Date(request.raisedAt).toISOString();
  }

  @FieldResolver(() => String, { nullable: true, description: 'When it was answered (ISO 8601)' })
  resolvedAt(@Root() request: CorrectionRequest): string | null {
    return request.resolvedAt ? new Date(request.resolvedAt).toISOString() : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person concerned (their fields follow the Person policy)' })
  person(@Root() request: CorrectionRequest): Person | null {
    return request.personId ? { id: request.personId } : null;
  }

  @FieldResolver(() => [CorrectionRequestStep], { nullable: true, description: 'Every step, oldest first (append-only)' })
  history(@Root() request: CorrectionRequest, @Ctx() { em }: GridContext): Promise<CorrectionRequestStep[]> {
    return correctionLoaders(em).historyByRequest.load(request.id);
  }
}

/** Only the department a request is addressed to answers it, and only within its jurisdiction. */
function assertMayAnswer(request: CorrectionRequest, identity: RequestIdentity): void {
  if (!request.gridCode.startsWith(identity.jurisdiction)) {
    throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Correction request ${request.id} is outside your jurisdiction ${identity.jurisdiction}`);
  }
  if (request.targetDepartment !== identity.dept) {
    throw new HubError(ErrorCode.FORBIDDEN, `NOT_ADDRESSED_TO_YOU: correction request ${request.id} is addressed to ${request.targetDepartment}, not ${identity.dept}`);
  }
}

/** One answer wins: the row is locked, and a second answer finds it answered (CONFLICT), as does a stale version. */
async function answerRequest({ em, identity, audit }: GridContext, id: string, version: number, status: 'ACCEPTED' | 'REJECTED', answer: string | null): Promise<CorrectionRequest> {
  checkedRequestId(id);
  if (!Number.isInteger(version) || version < 1) throw new HubError(ErrorCode.BAD_USER_INPUT, 'version must be a positive integer');
  const request = await (em as EntityManager).transactional(async (tx) => {
    const row = await tx.findOne(CorrectionRequest, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row) throw new HubError(ErrorCode.BAD_USER_INPUT, `No correction request ${id}`);
    try {
      assertMayAnswer(row, identity);
    } catch (error) {
      audit.note(row.personId, WRITE_CLASS, (error as HubError).code === ErrorCode.OUT_OF_JURISDICTION ? 'OUT_OF_JURISDICTION' : 'DENIED');
      throw error;
    }
    if (row.status !== 'RAISED') throw new HubError(ErrorCode.CONFLICT, `ALREADY_ANSWERED: correction request ${id} was already ${row.status} (version ${row.version})`);
    if (row.version !== version) throw new HubError(ErrorCode.CONFLICT, `STALE_VERSION: correction request ${id} is at version ${row.version}, not ${version}`);
    const before = snapshot(row);
    const now = new Date();
    Object.assign(row, { status, answer, resolvedBy: identity.sub, resolvedAt: now, version: row.version + 1 });
    await tx.flush();
    await tx.insert(CorrectionRequestStep, step(row, identity, before, now));
    await appendWriteAudit(tx, identity, [row.personId], WRITE_CLASS);
    return row;
  });
  return request;
}

@Resolver(() => CorrectionRequestStep)
export class CorrectionRequestStepResolver {
  @FieldResolver(() => String, { nullable: true, description: 'ISO 8601' })
  at(@Root() step: CorrectionRequestStep): string {
    return new Date(step.at).toISOString();
  }

  @FieldResolver(() => String, { nullable: true, description: 'The request before the step, JSON (null for RAISED)' })
  before(@Root() step: CorrectionRequestStep): string | null {
    return step.before ? JSON.stringify(step.before) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The request after the step, JSON' })
  after(@Root() step: CorrectionRequestStep): string {
    return JSON.stringify(step.after);
  }
}

/** What became of a discrepancy's correction: the report still lists a rejected one, as disputed. */
@Resolver(() => Discrepancy)
export class DiscrepancyCorrectionResolver {
  @FieldResolver(() => CorrectionRequest, {
    nullable: true,
    description: 'The newest correction request raised for this discrepancy, if any: for the grid center, or the department it is addressed to (else null)',
  })
  async correction(@Root() discrepancy: Discrepancy, @Ctx() { em, identity }: GridContext): Promise<CorrectionRequest | null> {
    const request = await correctionLoaders(em).latestByDiscrepancyKey.load(discrepancy.key);
    // As in correctionRequest: another department's queue is not the caller's to read.
    return request && (identity.dept === 'GRID' || request.targetDepartment === identity.dept) ? request : null;
  }

  @FieldResolver(() => Boolean, { description: 'The department rejected the newest correction: the records stand in dispute (有争议)' })
  async disputed(@Root() discrepancy: Discrepancy, @Ctx() { em }: GridContext): Promise<boolean> {
    return (await correctionLoaders(em).latestByDiscrepancyKey.load(discrepancy.key))?.status === 'REJECTED';
  }
}
