import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, HubError, checkedDate, checkedCorrectionAnswer } from '@hub/access';
import { auditedWrite, checkedVersion } from '@hub/audit';
import { PERSON_ID_PATTERN, todayInChina } from '@hub/domain';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { PersonCorrection } from '../entities/person-correction.entity';
import { Person } from '../entities/person.entity';
import { PERSON_CORRECTION_CLASS } from '../policy';
import type { PopulationContext } from './context';

@InputType({ description: '迁离登记: a resident no longer lives at the registered residence' })
export class RecordMoveOutInput {
  @Field(() => ID, { description: 'The pseudonymous person key (P + 24 hex digits)' })
  personId: string;

  @Field(() => Int, { description: "The person record's version as you saw it (Person.version)" })
  expectedVersion: number;

  @Field(() => String, { description: 'Left on, YYYY-MM-DD: not in the future, not before they moved in' })
  movedOutOn: string;

  @Field(() => ID, { nullable: true, description: "The grid center's correction request this answers (CR…), if any" })
  correctionRequestId?: string;

  @Field(() => String, { nullable: true, description: 'Why, in words (at most 1000 characters)' })
  reason?: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

/** The part of a person record a move-out changes, as its histories keep it. */
const snapshot = (person: Person) => ({
  residenceDwellingId: person.residenceDwellingId,
  residenceGridCode: person.residenceGridCode,
  residenceSince: person.residenceSince,
  version: person.version,
});

/**
 * 纠错回流 on population's side: it corrects its own person record (never another department's) through
 * `auditedWrite` — idempotent under retry, at the version the officer saw, with its before and after in
 * `record_change` and in its own `person_correction` (which names the request), and audited under the person.
 */
@Resolver(() => PersonCorrection)
export class PersonCorrectionResolver {
  @Mutation(() => PersonCorrection, {
    description:
      '迁离登记: population records that a resident no longer lives at the registered residence (left on `movedOutOn`, YYYY-MM-DD, not in the ' +
      'future, not before they moved in), e.g. answering a correction request for PERMIT_LAPSED_STILL_REGISTERED: the residence is ' +
      'cleared and the before and after kept. Idempotent under retry (clientRequestId). Refused: an unknown person, one with no residence, a bad ' +
      "date (BAD_USER_INPUT); a stale version (CONFLICT); a residence outside the caller's jurisdiction (OUT_OF_JURISDICTION).",
  })
  async recordMoveOut(@Ctx() { em, identity, audit }: PopulationContext, @Arg('input', () => RecordMoveOutInput) input: RecordMoveOutInput): Promise<PersonCorrection> {
    const { personId, movedOutOn } = input;
    if (!PERSON_ID_PATTERN.test(personId)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'personId must be a person key (P followed by 24 hex digits)');
    checkedDate(movedOutOn, 'movedOutOn');
    const today = todayInChina();
    if (movedOutOn > today) throw new HubError(ErrorCode.BAD_USER_INPUT, `movedOutOn (${movedOutOn}) must not be in the future (today is ${today})`);
    const answer = checkedCorrectionAnswer(input.correctionRequestId, input.reason);
    return auditedWrite<EntityManager, PersonCorrection>(
      em,
      identity,
      { operation: 'recordMoveOut', clientRequestId: input.clientRequestId, input, fieldClass: PERSON_CORRECTION_CLASS },
      async (tx) => {
        const person = await tx.findOne(Person, { id: personId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!person) throw new HubError(ErrorCode.BAD_USER_INPUT, `No person ${personId}`);
        if (person.residenceGridCode && !person.residenceGridCode.startsWith(identity.jurisdiction)) {
          audit.note(person.id, PERSON_CORRECTION_CLASS, 'OUT_OF_JURISDICTION');
          throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Person ${personId} lives outside your jurisdiction ${identity.jurisdiction}`);
        }
        // Before the residence is looked at: a move-out made meanwhile by someone else is a stale version, not "no residence".
        checkedVersion('person', personId, person.version, input.expectedVersion);
        if (!person.residenceDwellingId || !person.residenceGridCode) throw new HubError(ErrorCode.BAD_USER_INPUT, `Person ${personId} has no registered residence to move out of`);
        if (person.residenceSince && movedOutOn < person.residenceSince) {
          throw new HubError(ErrorCode.BAD_USER_INPUT, `movedOutOn (${movedOutOn}) must not be before they moved in (${person.residenceSince})`);
        }
        const before = snapshot(person);
        Object.assign(person, { residenceDwellingId: null, residenceGridCode: null, residenceSince: null, version: person.version + 1 });
        const after = { ...snapshot(person), movedOutOn };
        const correction = Object.assign(new PersonCorrection(), {
          personId,
          correctionRequestId: answer.correctionRequestId,
          before,
          after,
          reason: answer.reason,
          correctedBy: identity.sub,
          correctedAt: new Date(),
        });
        tx.persist(correction);
        await tx.flush();
        return {
          result: correction,
          resultId: String(correction.id),
          subjects: [personId],
          changes: [{ recordType: 'person', recordId: personId, before, after: { ...after, correctionRequestId: answer.correctionRequestId } }],
        };
      },
      (tx, id) => tx.findOneOrFail(PersonCorrection, { id }),
    );
  }

  @FieldResolver(() => String, { nullable: true, description: 'The record before, JSON' })
  before(@Root() correction: PersonCorrection): string {
    return JSON.stringify(correction.before);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The record after, JSON' })
  after(@Root() correction: PersonCorrection): string {
    return JSON.stringify(correction.after);
  }

  @FieldResolver(() => String, { nullable: true, description: 'When (ISO 8601)' })
  correctedAt(@Root() correction: PersonCorrection): string {
    return new Date(correction.correctedAt).toISOString();
  }
}
