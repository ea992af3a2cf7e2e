import { appendWriteAudit } from '@hub/audit';
import { LockMode } from '@mikro-orm/core';
import { ErrorCode, HubError, checkedDate, checkedCorrectionAnswer } from '@hub/access';
import { PERSON_ID_PATTERN, todayInChina } from '@hub/domain';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { PersonCorrection } from '../entities/person-correction.entity';
import { Person } from '../entities/person.entity';
import type { PopulationContext } from './context';

/** The part of a person record a move-out changes, as its history keeps it. */
const snapshot = (person: Person) => ({ residenceDwellingId: person.residenceDwellingId, residenceGridCode: person.residenceGridCode, residenceSince: person.residenceSince });

/**
 * 纠错回流 on population's side: it corrects its own person record (never another department's), in one transaction
 * with its before/after row, and audits the write under the person.
 */
@Resolver(() => PersonCorrection)
export class PersonCorrectionResolver {
  @Mutation(() => PersonCorrection, {
    description:
      '迁离登记: population records that a resident no longer lives at the registered residence (left on `movedOutOn`, YYYY-MM-DD, not in the ' +
      'future, not before they moved in), e.g. answering a correction request for PERMIT_LAPSED_STILL_REGISTERED: the residence is ' +
      'cleared and the before and after kept. Refused: an unknown person, one with no residence, a bad date (BAD_USER_INPUT); a ' +
      "residence outside the caller's jurisdiction (OUT_OF_JURISDICTION).",
  })
  async recordMoveOut(
    @Ctx() { em, identity, audit }: PopulationContext,
    @Arg('personId', () => ID, { description: 'The pseudonymous person key (P + 24 hex digits)' }) personId: string,
    @Arg('movedOutOn', () => String, { description: 'YYYY-MM-DD' }) movedOutOn: string,
    @Arg('correctionRequestId', () => ID, { nullable: true, description: "The grid center's correction request this answers (CR…), if any" }) correctionRequestId?: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why, in words (at most 1000 characters)' }) reason?: string,
  ): Promise<PersonCorrection> {
    if (!PERSON_ID_PATTERN.test(personId)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'personId must be a person key (P followed by 24 hex digits)');
    checkedDate(movedOutOn, 'movedOutOn');
    const today = todayInChina();
    if (movedOutOn > today) throw new HubError(ErrorCode.BAD_USER_INPUT, `movedOutOn (${movedOutOn}) must not be in the future (today is ${today})`);
    const answer = checkedCorrectionAnswer(correctionRequestId, reason);
    const correction = await em.transactional(async (tx) => {
      const person = await tx.findOne(Person, { id: personId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!person) throw new HubError(ErrorCode.BAD_USER_INPUT, `No person ${personId}`);
      if (!person.residenceDwellingId || !person.residenceGridCode) throw new HubError(ErrorCode.BAD_USER_INPUT, `Person ${personId} has no registered residence to move out of`);
      if (!person.residenceGridCode.startsWith(identity.jurisdiction)) {
        audit.note(person.id, 'person.correction', 'OUT_OF_JURISDICTION');
        throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Person ${personId} lives outside your jurisdiction ${identity.jurisdiction}`);
      }
      if (person.residenceSince && movedOutOn < person.residenceSince) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, `movedOutOn (${movedOutOn}) must not be before they moved in (${person.residenceSince})`);
      }
      const before = snapshot(person);
      Object.assign(person, { residenceDwellingId: null, residenceGridCode: null, residenceSince: null });
      await tx.flush();
      const row = Object.assign(new PersonCorrection(), {
        personId,
        correctionRequestId: answer.correctionRequestId,
        before,
        after: { ...snapshot(person), movedOutOn },
        reason: answer.reason,
        correctedBy: identity.sub,
        correctedAt: new Date(),
      });
      await tx.persistAndFlush(row);
      await appendWriteAudit(tx, identity, [personId], 'person.correction');
      return row;
    });
    return correction;
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
