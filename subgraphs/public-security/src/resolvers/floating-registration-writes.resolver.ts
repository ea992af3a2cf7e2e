import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, HubError, checkedCode, checkedDate, checkedDwellingId, checkedIdNumber, checkedPastDate, checkedPersonName } from '@hub/access';
import { auditedWrite, checkedVersion } from '@hub/audit';
import { DISTRICT, FLOATING_CANCELLATION_REASON, GRID_CODE_PATTERN, INFLOW_REASON, PERMIT_TYPE, RESIDENCE_TYPE, isCode, personIdFor, personIdSecret, todayInChina } from '@hub/domain';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { FloatingRegistration } from '../entities/floating-registration.entity';
import { FLOATING_REGISTRATION_WRITE_CLASS } from '../policy';
import type { PublicSecurityContext } from './context';

const REGISTRATION_ID_PATTERN = /^F\d{8}$/;
/** 居住证暂行条例 Art. 10 and local practice: a 居住证 runs for a year between 签注; a 换领 may set a later expiry, within five years. */
const MAX_PERMIT_YEARS = 5;

@InputType({ description: '流动人口登记 (暂住登记): a resident from elsewhere registered at a dwelling of your jurisdiction' })
export class RegisterFloatingResidentInput {
  @Field(() => String, { description: "The resident's ID number (GB 11643); the registration keeps the person key" })
  idNumber: string;

  @Field(() => String, { description: '姓名 as the resident gives it (searchable by the police)' })
  name: string;

  @Field(() => ID, { description: 'The dwelling lived in' })
  dwellingId: string;

  @Field(() => String, { description: "The dwelling's grid (15 digits), within your jurisdiction" })
  gridCode: string;

  @Field(() => String, { description: '户籍地 (GB/T 2260, 6 digits), not this district' })
  hukouRegionCode: string;

  @Field(() => String, { description: '流入原因 (GB/T 31000)' })
  inflowReason: string;

  @Field(() => String, { description: '住所类型 (GB/T 31000)' })
  residenceType: string;

  @Field(() => String, { description: '办证类型 (GB/T 31000: 01 居住证, 02 暂住证, 99 其他)' })
  permitType: string;

  @Field(() => String, { nullable: true, description: '证件号码' })
  permitNumber?: string;

  @Field(() => String, { nullable: true, description: '证件到期日期, YYYY-MM-DD, after the registration' })
  permitExpiresOn?: string;

  @Field(() => String, { nullable: true, description: "房东's ID number (GB 11643), for a rented dwelling" })
  landlordIdNumber?: string;

  @Field(() => String, { description: '登记日期, YYYY-MM-DD, not in the future' })
  registeredOn: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

@InputType({ description: '居住证签注/换领: the yearly endorsement, and a new expiry when the card is renewed' })
export class RenewResidencePermitInput {
  @Field(() => ID)
  registrationId: string;

  @Field(() => Int, { description: "The registration's version as you saw it" })
  expectedVersion: number;

  @Field(() => String, { description: '签注日期, YYYY-MM-DD, not in the future' })
  endorsedOn: string;

  @Field(() => String, { nullable: true, description: '换领: the new 证件到期日期 (YYYY-MM-DD), after the endorsement and at most five years on; the current one kept if omitted' })
  permitExpiresOn?: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

@InputType({ description: '注销登记: the floating resident no longer lives at the registered residence' })
export class CancelFloatingRegistrationInput {
  @Field(() => ID)
  registrationId: string;

  @Field(() => Int, { description: "The registration's version as you saw it" })
  expectedVersion: number;

  @Field(() => String, {
    description: `注销原因: ${Object.entries(FLOATING_CANCELLATION_REASON)
      .map(([code, label]) => `${code} ${label}`)
      .join(', ')}`,
  })
  reason: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

const snapshot = (registration: FloatingRegistration) => ({
  permitExpiresOn: registration.permitExpiresOn,
  lastEndorsedOn: registration.lastEndorsedOn,
  status: registration.status,
  version: registration.version,
});

function addYears(isoDate: string, years: number): string {
  return `${Number(isoDate.slice(0, 4)) + years}${isoDate.slice(4)}`;
}

/** The ACTIVE registration to change, locked, within the officer's jurisdiction, at the version the officer saw. */
async function lockedRegistration(tx: EntityManager, { identity, audit }: PublicSecurityContext, registrationId: string, expectedVersion: number): Promise<FloatingRegistration> {
  if (!REGISTRATION_ID_PATTERN.test(registrationId)) throw new HubError(ErrorCode.BAD_USER_INPUT, `"${String(registrationId).slice(0, 24)}" is not a registration id (F + 8 digits)`);
  const registration = await tx.findOne(FloatingRegistration, { id: registrationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!registration) throw new HubError(ErrorCode.BAD_USER_INPUT, `No floating registration ${registrationId}`);
  if (!registration.gridCode?.startsWith(identity.jurisdiction)) {
    audit.note(registration.personId, FLOATING_REGISTRATION_WRITE_CLASS, 'OUT_OF_JURISDICTION');
    throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Floating registration ${registrationId} is outside your jurisdiction ${identity.jurisdiction}`);
  }
  checkedVersion('floating registration', registrationId, registration.version, expectedVersion);
  if (registration.status !== 'ACTIVE') throw new HubError(ErrorCode.BAD_USER_INPUT, `Floating registration ${registrationId} is ${registration.status}, not ACTIVE`);
  return registration;
}

const current = (tx: EntityManager, registrationId: string) => tx.findOneOrFail(FloatingRegistration, { id: registrationId });

/**
 * Public security keeps its floating-population registrations current (issue #14): 签注/换领 of the 居住证 and 注销,
 * each idempotent under retry, at the version the officer saw, with its before and after and its audit.
 */
/**
 * The next registration id (F + 8 digits), taken under a lock held to the write's commit so that two registrations
 * never take the same. Every id has the same width, so the greatest id is the greatest number: `max(id)` reads one
 * entry at the end of the primary key's index instead of scanning the table (690k district: ~100k registrations).
 */
async function nextRegistrationId(tx: EntityManager): Promise<string> {
  const connection = tx.getConnection();
  const context = tx.getTransactionContext();
  await connection.execute(`select pg_advisory_xact_lock(hashtext('floating_registration_id'))`, [], 'all', context);
  const [row] = await connection.execute<Array<{ last: string | null }>>(`select max(id) as last from floating_registration`, [], 'all', context);
  const next = row.last === null ? 1 : Number(row.last.slice(1)) + 1;
  if ((row.last !== null && !REGISTRATION_ID_PATTERN.test(row.last)) || next > 99_999_999)
    throw new Error(`floating_registration's greatest id ${row.last} leaves no next id of the form F + 8 digits`);
  return `F${String(next).padStart(8, '0')}`;
}

@Resolver(() => FloatingRegistration)
export class FloatingRegistrationWritesResolver {
  @Mutation(() => FloatingRegistration, {
    description:
      '流动人口登记: registers a resident from elsewhere at a dwelling of your jurisdiction (one ACTIVE registration per person: cancel the old one ' +
      'first). Refused: a wrong ID number or code, a hukou of this district, a date to come, an expiry not after the registration, a person already ' +
      'registered (BAD_USER_INPUT); a grid outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async registerFloatingResident(
    @Ctx() { em, identity, audit }: PublicSecurityContext,
    @Arg('input', () => RegisterFloatingResidentInput) input: RegisterFloatingResidentInput,
  ): Promise<FloatingRegistration> {
    const secret = personIdSecret();
    const personId = personIdFor(checkedIdNumber(input.idNumber), secret);
    const landlordPersonId = input.landlordIdNumber ? personIdFor(checkedIdNumber(input.landlordIdNumber, 'landlordIdNumber'), secret) : null;
    const name = checkedPersonName(input.name);
    checkedDwellingId(input.dwellingId);
    if (!GRID_CODE_PATTERN.test(input.gridCode)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'gridCode must be a 15-digit grid code');
    if (!input.gridCode.startsWith(identity.jurisdiction)) {
      audit.note(personId, FLOATING_REGISTRATION_WRITE_CLASS, 'OUT_OF_JURISDICTION');
      throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Grid ${input.gridCode} is outside your jurisdiction ${identity.jurisdiction}`);
    }
    if (!/^\d{6}$/.test(input.hukouRegionCode)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'hukouRegionCode must be a 6-digit GB/T 2260 code');
    if (input.hukouRegionCode === DISTRICT.code)
      throw new HubError(ErrorCode.BAD_USER_INPUT, `户籍在本区 (${DISTRICT.code}) 的居民不作流动人口登记 (a resident registered in this district is not floating)`);
    const registeredOn = checkedPastDate(input.registeredOn, 'registeredOn', todayInChina());
    const permitExpiresOn = input.permitExpiresOn ? checkedDate(input.permitExpiresOn, 'permitExpiresOn') : null;
    if (permitExpiresOn && permitExpiresOn <= registeredOn) throw new HubError(ErrorCode.BAD_USER_INPUT, `permitExpiresOn (${permitExpiresOn}) must be after the registration (${registeredOn})`);
    const fields = {
      inflowReason: checkedCode(INFLOW_REASON, input.inflowReason, 'inflowReason'),
      residenceType: checkedCode(RESIDENCE_TYPE, input.residenceType, 'residenceType'),
      permitType: checkedCode(PERMIT_TYPE, input.permitType, 'permitType'),
    };
    return auditedWrite<EntityManager, FloatingRegistration>(
      em,
      identity,
      { operation: 'registerFloatingResident', clientRequestId: input.clientRequestId, input, fieldClass: FLOATING_REGISTRATION_WRITE_CLASS },
      async (tx) => {
        const id = await nextRegistrationId(tx);
        const active = await tx.findOne(FloatingRegistration, { personId, status: 'ACTIVE' });
        if (active) throw new HubError(ErrorCode.BAD_USER_INPUT, `该人员已有有效登记 ${active.id}，请先注销 (the person already has the ACTIVE registration ${active.id}: cancel it first)`);
        const registration = tx.create(FloatingRegistration, {
          id,
          personId,
          dwellingId: input.dwellingId,
          registrantName: name,
          landlordPersonId,
          gridCode: input.gridCode,
          hukouRegionCode: input.hukouRegionCode,
          ...fields,
          permitNumber: input.permitNumber?.trim() || null,
          registeredOn,
          permitExpiresOn,
          lastEndorsedOn: null,
          status: 'ACTIVE',
          version: 1,
        });
        await tx.flush();
        return {
          result: registration,
          resultId: id,
          subjects: landlordPersonId ? [personId, landlordPersonId] : [personId],
          changes: [{ recordType: 'floating_registration', recordId: id, before: null, after: { ...snapshot(registration), dwellingId: input.dwellingId, gridCode: input.gridCode } }],
        };
      },
      current,
    );
  }

  @Mutation(() => FloatingRegistration, {
    description:
      '居住证签注/换领: records the yearly endorsement (and, on renewal, a new expiry) of an ACTIVE registration with a 居住证 (办证类型 01). ' +
      'Refused: another permit type, a date in the future or before the last endorsement, an expiry not after the endorsement or more than five ' +
      'years on (BAD_USER_INPUT); a stale version (CONFLICT); a registration outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async renewResidencePermit(@Ctx() context: PublicSecurityContext, @Arg('input', () => RenewResidencePermitInput) input: RenewResidencePermitInput): Promise<FloatingRegistration> {
    const endorsedOn = checkedPastDate(input.endorsedOn, 'endorsedOn', todayInChina());
    const expiresOn = input.permitExpiresOn ? checkedDate(input.permitExpiresOn, 'permitExpiresOn') : undefined;
    if (expiresOn && (expiresOn <= endorsedOn || expiresOn > addYears(endorsedOn, MAX_PERMIT_YEARS))) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, `permitExpiresOn (${expiresOn}) must be after the endorsement (${endorsedOn}) and at most ${MAX_PERMIT_YEARS} years on`);
    }
    return auditedWrite(
      context.em,
      context.identity,
      { operation: 'renewResidencePermit', clientRequestId: input.clientRequestId, input, fieldClass: FLOATING_REGISTRATION_WRITE_CLASS },
      async (tx) => {
        const registration = await lockedRegistration(tx, context, input.registrationId, input.expectedVersion);
        if (registration.permitType !== '01')
          throw new HubError(ErrorCode.BAD_USER_INPUT, `Floating registration ${registration.id} holds no 居住证 (办证类型 ${registration.permitType}): nothing to endorse`);
        if (registration.lastEndorsedOn && endorsedOn <= registration.lastEndorsedOn) {
          throw new HubError(ErrorCode.BAD_USER_INPUT, `endorsedOn (${endorsedOn}) must be after the last endorsement (${registration.lastEndorsedOn})`);
        }
        if (endorsedOn < registration.registeredOn) throw new HubError(ErrorCode.BAD_USER_INPUT, `endorsedOn (${endorsedOn}) must not be before the registration (${registration.registeredOn})`);
        const before = snapshot(registration);
        Object.assign(registration, { lastEndorsedOn: endorsedOn, permitExpiresOn: expiresOn ?? registration.permitExpiresOn, version: registration.version + 1 });
        await tx.flush();
        return {
          result: registration,
          resultId: registration.id,
          subjects: [registration.personId],
          changes: [{ recordType: 'floating_registration', recordId: registration.id, before, after: snapshot(registration) }],
        };
      },
      current,
    );
  }

  @Mutation(() => FloatingRegistration, {
    description:
      '注销登记: cancels an ACTIVE registration (the resident left, died …). Refused: an unknown reason or a registration not ACTIVE (BAD_USER_INPUT); ' +
      'a stale version (CONFLICT); a registration outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async cancelFloatingRegistration(@Ctx() context: PublicSecurityContext, @Arg('input', () => CancelFloatingRegistrationInput) input: CancelFloatingRegistrationInput): Promise<FloatingRegistration> {
    // isCode, not a lookup: "constructor" or "toString" would find Object.prototype's and pass as a reason.
    if (!isCode(FLOATING_CANCELLATION_REASON, input.reason))
      throw new HubError(ErrorCode.BAD_USER_INPUT, `reason must be one of ${Object.keys(FLOATING_CANCELLATION_REASON).join(', ')}; got "${input.reason.slice(0, 20)}"`);
    return auditedWrite(
      context.em,
      context.identity,
      { operation: 'cancelFloatingRegistration', clientRequestId: input.clientRequestId, input, fieldClass: FLOATING_REGISTRATION_WRITE_CLASS },
      async (tx) => {
        const registration = await lockedRegistration(tx, context, input.registrationId, input.expectedVersion);
        const before = snapshot(registration);
        Object.assign(registration, { status: 'CANCELLED', version: registration.version + 1 });
        await tx.flush();
        return {
          result: registration,
          resultId: registration.id,
          subjects: [registration.personId],
          changes: [{ recordType: 'floating_registration', recordId: registration.id, before, after: { ...snapshot(registration), reason: input.reason, cancelledOn: todayInChina() } }],
        };
      },
      current,
    );
  }
}
