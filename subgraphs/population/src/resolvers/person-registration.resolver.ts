import { LockMode } from '@mikro-orm/core';
import { ErrorCode, HubError, checkedCode, checkedDwellingId, checkedIdNumber, checkedPastDate, checkedPersonName } from '@hub/access';
import { auditedWrite, checkedVersion, type RecordChange } from '@hub/audit';
import { ETHNICITY, FAMILY_RELATION, GRID_CODE_PATTERN, PERSON_ID_PATTERN, parseIdNumber, personIdFor, personIdSecret, todayInChina } from '@hub/domain';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Household } from '../entities/household.entity';
import { Person } from '../entities/person.entity';
import { PERSON_REGISTRATION_CLASS } from '../policy';
import type { PopulationContext } from './context';

@InputType({ description: '迁移登记: a resident moved to another dwelling within the district' })
export class RecordMoveInput {
  @Field(() => ID, { description: 'The person key (P + 24 hex digits)' })
  personId: string;

  @Field(() => Int, { description: "The person record's version as you saw it (Person.version)" })
  expectedVersion: number;

  @Field(() => ID, { description: 'The dwelling they now live in' })
  dwellingId: string;

  @Field(() => String, { description: "The dwelling's grid (15 digits), within your jurisdiction" })
  gridCode: string;

  @Field(() => String, { description: 'Moved on, YYYY-MM-DD: not in the future, not before they moved into the last residence' })
  movedOn: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

@InputType({ description: '死亡登记: a resident died' })
export class RecordDeathInput {
  @Field(() => ID)
  personId: string;

  @Field(() => Int, { description: "The person record's version as you saw it (Person.version)" })
  expectedVersion: number;

  @Field(() => String, { description: 'YYYY-MM-DD: not in the future, not before birth' })
  deathDate: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

@InputType({ description: '出生登记: a newborn registered into a household of your jurisdiction' })
export class RegisterBirthInput {
  @Field(() => String, { description: 'The newborn’s ID number (GB 11643): its birth date and gender are taken from it' })
  idNumber: string;

  @Field(() => String, { description: '姓名, 1–64 characters' })
  name: string;

  @Field(() => String, { description: '民族 (GB 3304 code, e.g. 01 汉族)' })
  ethnicity: string;

  @Field(() => ID, { description: 'The household (户) the newborn is registered into' })
  householdId: string;

  @Field(() => String, { description: '与户主关系 (GB/T 4761 code, e.g. 20 子, 30 女, 40 孙辈)' })
  relationToHead: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

@InputType({ description: '户口迁移（本区内）: a resident joins another household of the district, and lives with it' })
export class ChangeHouseholdInput {
  @Field(() => ID)
  personId: string;

  @Field(() => Int, { description: "The person record's version as you saw it (Person.version)" })
  expectedVersion: number;

  @Field(() => ID, { description: 'The household joined' })
  householdId: string;

  @Field(() => String, { description: '与户主关系 in the new household (GB/T 4761 code, not 02 户主)' })
  relationToHead: string;

  @Field(() => String, { description: 'Joined on, YYYY-MM-DD: not in the future, not before moving into the last residence' })
  joinedOn: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

/** The part of a person record the registration writes change, as `record_change` keeps it. */
const snapshot = (person: Person) => ({
  householdId: person.householdId,
  relationToHead: person.relationToHead,
  residenceDwellingId: person.residenceDwellingId,
  residenceGridCode: person.residenceGridCode,
  residenceSince: person.residenceSince,
  deathDate: person.deathDate,
  version: person.version,
});

function checkedPersonId(personId: string): string {
  if (!PERSON_ID_PATTERN.test(personId)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'personId must be a person key (P followed by 24 hex digits)');
  return personId;
}

/**
 * The living resident to change, locked, at the version the officer saw, whose residence is within the officer's
 * jurisdiction (a refusal outside it is noted for the access log).
 */
async function lockedResident(tx: EntityManager, { identity, audit }: PopulationContext, personId: string, expectedVersion: number): Promise<Person> {
  const person = await tx.findOne(Person, { id: personId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!person) throw new HubError(ErrorCode.BAD_USER_INPUT, `No person ${personId}`);
  const outside = () => {
    audit.note(person.id, PERSON_REGISTRATION_CLASS, 'OUT_OF_JURISDICTION');
    return new HubError(ErrorCode.OUT_OF_JURISDICTION, `Person ${personId} is not registered as living within your jurisdiction ${identity.jurisdiction}`);
  };
  if (person.residenceGridCode && !person.residenceGridCode.startsWith(identity.jurisdiction)) throw outside();
  // A residence cleared since the officer saw the record (迁离登记) is a stale version first: the page reloads and shows it.
  checkedVersion('person', personId, person.version, expectedVersion);
  if (!person.residenceGridCode) throw outside();
  if (person.deathDate) throw new HubError(ErrorCode.BAD_USER_INPUT, `Person ${personId} died on ${person.deathDate}`);
  return person;
}

/**
 * The grid a move names must be the dwelling's. The grid center owns a dwelling's grid; population keeps a copy of it on
 * every resident living there, which a boundary change brings along in its own write (ADR 0020). Where someone lives
 * there already, a grid that is not theirs is refused instead of registering the resident in a grid the dwelling is not
 * in. An empty dwelling, which population knows nothing of, is taken as sent.
 */
async function refuseGridNotTheDwellings(tx: EntityManager, personId: string, dwellingId: string, gridCode: string): Promise<void> {
  const rows = await tx.execute<Array<{ grid: string }>>(
    `select distinct residence_grid_code as grid from person
      where residence_dwelling_id = ? and id <> ? and death_date is null and residence_grid_code is not null`,
    [dwellingId, personId],
  );
  const grids = rows.map((row) => row.grid.trim());
  if (grids.length > 0 && !grids.includes(gridCode)) {
    throw new HubError(
      ErrorCode.BAD_USER_INPUT,
      `房屋 ${dwellingId} 在网格 ${grids.join('、')}，不在所选网格 ${gridCode} (dwelling ${dwellingId} is in grid ${grids.join(', ')} by the register, not in ${gridCode})`,
    );
  }
}

/** The person as it is now, for a retry of a write that already committed. */
async function current(tx: EntityManager, personId: string): Promise<Person> {
  return tx.findOneOrFail(Person, { id: personId });
}

/**
 * Population keeps its own register current (issue #14): 迁移 and 死亡, each a write of population's own record only,
 * idempotent under retry (clientRequestId), at the version the officer saw, with its before and after and its audit.
 */
@Resolver(() => Person)
export class PersonRegistrationResolver {
  @Mutation(() => Person, {
    description:
      '迁移登记: the resident now lives in another dwelling of your jurisdiction. Refused: an unknown or deceased person, the same dwelling, a bad date, ' +
      'a grid that is not the dwelling’s as the residents living there have it (BAD_USER_INPUT); a stale version (CONFLICT); a residence or a new grid outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async recordMove(@Ctx() context: PopulationContext, @Arg('input', () => RecordMoveInput) input: RecordMoveInput): Promise<Person> {
    const { em, identity } = context;
    const personId = checkedPersonId(input.personId);
    checkedDwellingId(input.dwellingId);
    if (!GRID_CODE_PATTERN.test(input.gridCode)) throw new HubError(ErrorCode.BAD_USER_INPUT, `gridCode must be a 15-digit grid code; got "${input.gridCode.slice(0, 20)}"`);
    const movedOn = checkedPastDate(input.movedOn, 'movedOn', todayInChina());
    if (!input.gridCode.startsWith(identity.jurisdiction)) throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Grid ${input.gridCode} is outside your jurisdiction ${identity.jurisdiction}`);
    return auditedWrite(
      em,
      identity,
      { operation: 'recordMove', clientRequestId: input.clientRequestId, input, fieldClass: PERSON_REGISTRATION_CLASS },
      async (tx) => {
        const person = await lockedResident(tx, context, personId, input.expectedVersion);
        if (person.residenceDwellingId === input.dwellingId) throw new HubError(ErrorCode.BAD_USER_INPUT, `Person ${personId} already lives in dwelling ${input.dwellingId}`);
        await refuseGridNotTheDwellings(tx, personId, input.dwellingId, input.gridCode);
        if (person.residenceSince && movedOn < person.residenceSince) {
          throw new HubError(ErrorCode.BAD_USER_INPUT, `movedOn (${movedOn}) must not be before they moved into the last residence (${person.residenceSince})`);
        }
        const before = snapshot(person);
        Object.assign(person, { residenceDwellingId: input.dwellingId, residenceGridCode: input.gridCode, residenceSince: movedOn, version: person.version + 1 });
        await tx.flush();
        const change: RecordChange = { recordType: 'person', recordId: personId, before, after: snapshot(person) };
        return { result: person, resultId: personId, subjects: [personId], changes: [change] };
      },
      current,
    );
  }

  @Mutation(() => Person, {
    description:
      '出生登记: registers a newborn into a household of your jurisdiction, living with it from the day of birth. Refused: a wrong or already ' +
      'registered ID number, a birth date to come, an unknown household or code (BAD_USER_INPUT); a household outside your jurisdiction ' +
      '(OUT_OF_JURISDICTION).',
  })
  async registerBirth(@Ctx() { em, identity, audit }: PopulationContext, @Arg('input', () => RegisterBirthInput) input: RegisterBirthInput): Promise<Person> {
    const parsed = parseIdNumber(checkedIdNumber(input.idNumber));
    checkedPastDate(parsed.birthDate, 'the birth date in idNumber', todayInChina());
    const name = checkedPersonName(input.name);
    const ethnicity = checkedCode(ETHNICITY, input.ethnicity, 'ethnicity');
    const relationToHead = checkedCode(FAMILY_RELATION, input.relationToHead, 'relationToHead');
    if (relationToHead === '02') throw new HubError(ErrorCode.BAD_USER_INPUT, 'A newborn is not the head of a household (relationToHead 02)');
    const personId = personIdFor(parsed.idNumber, personIdSecret());
    return auditedWrite<EntityManager, Person>(
      em,
      identity,
      { operation: 'registerBirth', clientRequestId: input.clientRequestId, input, fieldClass: PERSON_REGISTRATION_CLASS },
      async (tx) => {
        const household = await tx.findOne(Household, { id: input.householdId });
        if (!household) throw new HubError(ErrorCode.BAD_USER_INPUT, `No household ${String(input.householdId).slice(0, 16)}`);
        if (!household.gridCode?.startsWith(identity.jurisdiction)) {
          audit.note(null, PERSON_REGISTRATION_CLASS, 'OUT_OF_JURISDICTION');
          throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Household ${household.id} is outside your jurisdiction ${identity.jurisdiction}`);
        }
        if (await tx.count(Person, { idNumber: parsed.idNumber })) throw new HubError(ErrorCode.BAD_USER_INPUT, 'This ID number is already registered');
        const person = tx.create(Person, {
          id: personId,
          idNumber: parsed.idNumber,
          name,
          gender: parsed.gender,
          birthDate: parsed.birthDate,
          ethnicity,
          phone: null,
          populationType: 'REGISTERED',
          hukouRegionCode: household.hukouRegionCode,
          deathDate: null,
          householdId: household.id,
          relationToHead,
          livesWithHousehold: true,
          residenceDwellingId: household.dwellingId,
          residenceGridCode: household.gridCode,
          residenceSince: parsed.birthDate,
          version: 1,
        });
        await tx.flush();
        return {
          result: person,
          resultId: personId,
          subjects: [personId],
          changes: [{ recordType: 'person', recordId: personId, before: null, after: { ...snapshot(person), householdId: household.id, relationToHead } }],
        };
      },
      current,
    );
  }

  @Mutation(() => Person, {
    description:
      '户口迁移（本区内）: the resident joins another household of your jurisdiction and lives with it from `joinedOn`. Refused: an unknown or ' +
      'deceased person, the same household, 户主 as the relation, a bad date (BAD_USER_INPUT); a stale version (CONFLICT); a residence or a household ' +
      'outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async changeHousehold(@Ctx() context: PopulationContext, @Arg('input', () => ChangeHouseholdInput) input: ChangeHouseholdInput): Promise<Person> {
    const { em, identity } = context;
    const personId = checkedPersonId(input.personId);
    const relationToHead = checkedCode(FAMILY_RELATION, input.relationToHead, 'relationToHead');
    if (relationToHead === '02') throw new HubError(ErrorCode.BAD_USER_INPUT, 'A resident joining a household is not its head (relationToHead 02); change the head in a separate step');
    const joinedOn = checkedPastDate(input.joinedOn, 'joinedOn', todayInChina());
    return auditedWrite<EntityManager, Person>(
      em,
      identity,
      { operation: 'changeHousehold', clientRequestId: input.clientRequestId, input, fieldClass: PERSON_REGISTRATION_CLASS },
      async (tx) => {
        const person = await lockedResident(tx, context, personId, input.expectedVersion);
        const household = await tx.findOne(Household, { id: input.householdId });
        if (!household) throw new HubError(ErrorCode.BAD_USER_INPUT, `No household ${String(input.householdId).slice(0, 16)}`);
        if (!household.gridCode?.startsWith(identity.jurisdiction))
          throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Household ${household.id} is outside your jurisdiction ${identity.jurisdiction}`);
        if (person.householdId === household.id) throw new HubError(ErrorCode.BAD_USER_INPUT, `Person ${personId} already belongs to household ${household.id}`);
        if (person.residenceSince && joinedOn < person.residenceSince) {
          throw new HubError(ErrorCode.BAD_USER_INPUT, `joinedOn (${joinedOn}) must not be before they moved into the last residence (${person.residenceSince})`);
        }
        const before = snapshot(person);
        Object.assign(person, {
          householdId: household.id,
          relationToHead,
          livesWithHousehold: true,
          residenceDwellingId: household.dwellingId,
          residenceGridCode: household.gridCode,
          residenceSince: joinedOn,
          version: person.version + 1,
        });
        await tx.flush();
        return { result: person, resultId: personId, subjects: [personId], changes: [{ recordType: 'person', recordId: personId, before, after: snapshot(person) }] };
      },
      current,
    );
  }

  @Mutation(() => Person, {
    description:
      '死亡登记: the resident died. The person stays in the register with the date (a household check no longer counts them). Refused: an unknown ' +
      'or already deceased person, a bad date (BAD_USER_INPUT); a stale version (CONFLICT); a residence outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async recordDeath(@Ctx() context: PopulationContext, @Arg('input', () => RecordDeathInput) input: RecordDeathInput): Promise<Person> {
    const { em, identity } = context;
    const personId = checkedPersonId(input.personId);
    const deathDate = checkedPastDate(input.deathDate, 'deathDate', todayInChina());
    return auditedWrite(
      em,
      identity,
      { operation: 'recordDeath', clientRequestId: input.clientRequestId, input, fieldClass: PERSON_REGISTRATION_CLASS },
      async (tx) => {
        const person = await lockedResident(tx, context, personId, input.expectedVersion);
        if (deathDate < person.birthDate) throw new HubError(ErrorCode.BAD_USER_INPUT, `deathDate (${deathDate}) must not be before birth (${person.birthDate})`);
        const before = snapshot(person);
        Object.assign(person, { deathDate, version: person.version + 1 });
        await tx.flush();
        return { result: person, resultId: personId, subjects: [personId], changes: [{ recordType: 'person', recordId: personId, before, after: snapshot(person) }] };
      },
      current,
    );
  }
}
