import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, HubError, checkedCorrectionAnswer, checkedDwellingId } from '@hub/access';
import { auditedWrite, checkedVersion } from '@hub/audit';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { FloatingRegistration } from '../entities/floating-registration.entity';
import { RegistrationCorrection } from '../entities/registration-correction.entity';
import { REGISTRATION_CORRECTION_CLASS } from '../policy';
import type { PublicSecurityContext } from './context';

const REGISTRATION_ID_PATTERN = /^F\d{8}$/;

@InputType({ description: '更正登记住所: the registration names a dwelling the person no longer lives in' })
export class CorrectFloatingRegistrationDwellingInput {
  @Field(() => ID)
  registrationId: string;

  @Field(() => Int, { description: "The registration's version as you saw it" })
  expectedVersion: number;

  @Field(() => ID, { description: 'The dwelling the person actually lives in' })
  dwellingId: string;

  @Field(() => ID, { nullable: true, description: "The grid center's correction request this answers (CR…), if any" })
  correctionRequestId?: string;

  @Field(() => String, { nullable: true, description: 'Why, in words (at most 1000 characters)' })
  reason?: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

/** The part of a registration a correction may change, as its histories keep it. */
const snapshot = (registration: FloatingRegistration) => ({ dwellingId: registration.dwellingId, status: registration.status, version: registration.version });

/**
 * 纠错回流 on public security's side: it corrects its own registration (never another department's record) through
 * `auditedWrite` — idempotent under retry, at the version the officer saw, with its before and after in
 * `record_change` and in its own `registration_correction` (which names the request), and audited under the person.
 */
@Resolver(() => FloatingRegistration)
export class RegistrationCorrectionResolver {
  @Mutation(() => FloatingRegistration, {
    description:
      '更正登记住所: public security corrects the dwelling of its own ACTIVE floating registration (e.g. answering a correction request ' +
      'for FLOATING_REGISTERED_ELSEWHERE), keeping the before and after. Idempotent under retry (clientRequestId). Refused: an unknown or ' +
      "cancelled registration or the same dwelling (BAD_USER_INPUT); a stale version (CONFLICT); a registration outside the caller's jurisdiction " +
      '(OUT_OF_JURISDICTION).',
  })
  async correctFloatingRegistrationDwelling(
    @Ctx() { em, identity, audit }: PublicSecurityContext,
    @Arg('input', () => CorrectFloatingRegistrationDwellingInput) input: CorrectFloatingRegistrationDwellingInput,
  ): Promise<FloatingRegistration> {
    const { registrationId, dwellingId } = input;
    if (!REGISTRATION_ID_PATTERN.test(registrationId)) throw new HubError(ErrorCode.BAD_USER_INPUT, `"${String(registrationId).slice(0, 24)}" is not a registration id (F + 8 digits)`);
    checkedDwellingId(dwellingId);
    const answer = checkedCorrectionAnswer(input.correctionRequestId, input.reason);
    return auditedWrite<EntityManager, FloatingRegistration>(
      em,
      identity,
      { operation: 'correctFloatingRegistrationDwelling', clientRequestId: input.clientRequestId, input, fieldClass: REGISTRATION_CORRECTION_CLASS },
      async (tx) => {
        const registration = await tx.findOne(FloatingRegistration, { id: registrationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!registration) throw new HubError(ErrorCode.BAD_USER_INPUT, `No floating registration ${registrationId}`);
        if (!registration.gridCode || !registration.gridCode.startsWith(identity.jurisdiction)) {
          audit.note(registration.personId, REGISTRATION_CORRECTION_CLASS, 'OUT_OF_JURISDICTION');
          throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Floating registration ${registrationId} is outside your jurisdiction ${identity.jurisdiction}`);
        }
        checkedVersion('floating registration', registrationId, registration.version, input.expectedVersion);
        if (registration.status !== 'ACTIVE') throw new HubError(ErrorCode.BAD_USER_INPUT, `Floating registration ${registrationId} is ${registration.status}, not ACTIVE: nothing to correct`);
        if (registration.dwellingId === dwellingId) throw new HubError(ErrorCode.BAD_USER_INPUT, `Floating registration ${registrationId} already names dwelling ${dwellingId}`);
        const before = snapshot(registration);
        Object.assign(registration, { dwellingId, version: registration.version + 1 });
        await tx.flush();
        const after = snapshot(registration);
        await tx.insert(RegistrationCorrection, {
          registrationId,
          correctionRequestId: answer.correctionRequestId,
          before,
          after,
          reason: answer.reason,
          correctedBy: identity.sub,
          correctedAt: new Date(),
        });
        return {
          result: registration,
          resultId: registrationId,
          subjects: [registration.personId],
          changes: [{ recordType: 'floating_registration', recordId: registrationId, before, after: { ...after, correctionRequestId: answer.correctionRequestId } }],
        };
      },
      (tx, id) => tx.findOneOrFail(FloatingRegistration, { id }),
    );
  }
}
