import { appendWriteAudit } from '@hub/audit';
import { LockMode } from '@mikro-orm/core';
import { ErrorCode, HubError, checkedCorrectionAnswer, checkedDwellingId } from '@hub/access';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { FloatingRegistration } from '../entities/floating-registration.entity';
import { RegistrationCorrection } from '../entities/registration-correction.entity';
import type { PublicSecurityContext } from './context';

const REGISTRATION_ID_PATTERN = /^F\d{8}$/;

/** The part of a registration a correction may change, as its history keeps it. */
const snapshot = (registration: FloatingRegistration) => ({ dwellingId: registration.dwellingId, status: registration.status });

/**
 * 纠错回流 on public security's side: it corrects its own registration (never another department's record), in one
 * transaction with its before/after row, and audits the write under the registered person.
 */
@Resolver(() => FloatingRegistration)
export class RegistrationCorrectionResolver {
  @Mutation(() => FloatingRegistration, {
    description:
      '更正登记住所: public security corrects the dwelling of its own ACTIVE floating registration (e.g. answering a correction request ' +
      'for FLOATING_REGISTERED_ELSEWHERE), keeping the before and after. Refused: an unknown or cancelled registration or the same ' +
      "dwelling (BAD_USER_INPUT), a registration outside the caller's jurisdiction (OUT_OF_JURISDICTION).",
  })
  async correctFloatingRegistrationDwelling(
    @Ctx() { em, identity, audit }: PublicSecurityContext,
    @Arg('registrationId', () => ID) registrationId: string,
    @Arg('dwellingId', () => ID, { description: 'The dwelling the person actually lives in' }) dwellingId: string,
    @Arg('correctionRequestId', () => ID, { nullable: true, description: "The grid center's correction request this answers (CR…), if any" }) correctionRequestId?: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why, in words (at most 1000 characters)' }) reason?: string,
  ): Promise<FloatingRegistration> {
    if (!REGISTRATION_ID_PATTERN.test(registrationId)) throw new HubError(ErrorCode.BAD_USER_INPUT, `"${String(registrationId).slice(0, 24)}" is not a registration id (F + 8 digits)`);
    checkedDwellingId(dwellingId);
    const answer = checkedCorrectionAnswer(correctionRequestId, reason);
    const registration = await em.transactional(async (tx) => {
      const row = await tx.findOne(FloatingRegistration, { id: registrationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!row) throw new HubError(ErrorCode.BAD_USER_INPUT, `No floating registration ${registrationId}`);
      if (!row.gridCode || !row.gridCode.startsWith(identity.jurisdiction)) {
        audit.note(row.personId, 'ps.floatingRegistration.correction', 'OUT_OF_JURISDICTION');
        throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Floating registration ${registrationId} is outside your jurisdiction ${identity.jurisdiction}`);
      }
      if (row.status !== 'ACTIVE') throw new HubError(ErrorCode.BAD_USER_INPUT, `Floating registration ${registrationId} is ${row.status}, not ACTIVE: nothing to correct`);
      if (row.dwellingId === dwellingId) throw new HubError(ErrorCode.BAD_USER_INPUT, `Floating registration ${registrationId} already names dwelling ${dwellingId}`);
      const before = snapshot(row);
      row.dwellingId = dwellingId;
      await tx.flush();
      await tx.insert(RegistrationCorrection, {
        registrationId,
        correctionRequestId: answer.correctionRequestId,
        before,
        after: snapshot(row),
        reason: answer.reason,
        correctedBy: identity.sub,
        correctedAt: new Date(),
      });
      await appendWriteAudit(tx, identity, [row.personId], 'ps.floatingRegistration.correction');
      return row;
    });
    return registration;
  }
}
