import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, HubError, checkedDate, checkedCorrectionAnswer } from '@hub/access';
import { auditedWrite } from '@hub/audit';
import { todayInChina } from '@hub/domain';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { TenancyCorrection } from '../entities/tenancy-correction.entity';
import { Tenancy } from '../entities/tenancy.entity';
import { TENANCY_CORRECTION_CLASS } from '../policy';
import type { HousingContext } from './context';

const TENANCY_ID_PATTERN = /^\d{1,18}$/;

@InputType({ description: '退租登记: a tenancy of housing’s register ended' })
export class EndTenancyInput {
  @Field(() => ID)
  tenancyId: string;

  @Field(() => String, { description: 'The last day of the tenancy, YYYY-MM-DD' })
  endedOn: string;

  @Field(() => ID, { nullable: true, description: "The grid center's correction request this answers (CR…), if any" })
  correctionRequestId?: string;

  @Field(() => String, { nullable: true, description: 'Why, in words (at most 1000 characters)' })
  reason?: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

/** The part of a tenancy a correction may change, as its histories keep it. */
const snapshot = (tenancy: Tenancy) => ({ endOn: tenancy.endOn });

/**
 * 纠错回流 on housing's side: it corrects its own tenancy (never another department's record) through `auditedWrite` —
 * idempotent under retry, with its before and after in `record_change` and in its own `tenancy_correction` (which
 * names the request), and audited under the tenant. A tenancy has no version: the row is locked, and one already
 * ended is refused, so of two concurrent ends exactly one writes.
 */
@Resolver(() => Tenancy)
export class TenancyCorrectionResolver {
  @Mutation(() => Tenancy, {
    description:
      '退租登记: housing records that a tenancy of its own register ended on `endedOn` (YYYY-MM-DD, not in the future, not before it ' +
      'started; a tenancy is current through its last day), e.g. answering a correction request for TENANT_WITHOUT_FLOATING_REGISTRATION, ' +
      'keeping the before and after. Idempotent under retry (clientRequestId). Refused: an unknown tenancy, one already ended, a bad date ' +
      "(BAD_USER_INPUT); a dwelling outside the caller's jurisdiction (OUT_OF_JURISDICTION).",
  })
  async endTenancy(@Ctx() { em, identity, audit }: HousingContext, @Arg('input', () => EndTenancyInput) input: EndTenancyInput): Promise<Tenancy> {
    const { tenancyId, endedOn } = input;
    if (!TENANCY_ID_PATTERN.test(tenancyId)) throw new HubError(ErrorCode.BAD_USER_INPUT, `"${String(tenancyId).slice(0, 24)}" is not a tenancy id (digits)`);
    checkedDate(endedOn, 'endedOn');
    const today = todayInChina();
    if (endedOn > today) throw new HubError(ErrorCode.BAD_USER_INPUT, `endedOn (${endedOn}) must not be in the future (today is ${today})`);
    const answer = checkedCorrectionAnswer(input.correctionRequestId, input.reason);
    return auditedWrite<EntityManager, Tenancy>(
      em,
      identity,
      { operation: 'endTenancy', clientRequestId: input.clientRequestId, input, fieldClass: TENANCY_CORRECTION_CLASS },
      async (tx) => {
        const tenancy = await tx.findOne(Tenancy, { id: tenancyId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['dwelling'] });
        if (!tenancy) throw new HubError(ErrorCode.BAD_USER_INPUT, `No tenancy ${tenancyId}`);
        const gridCode = tenancy.dwelling.gridCode;
        if (!gridCode || !gridCode.startsWith(identity.jurisdiction)) {
          audit.note(tenancy.tenantPersonId, TENANCY_CORRECTION_CLASS, 'OUT_OF_JURISDICTION');
          throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Tenancy ${tenancyId} is of a dwelling outside your jurisdiction ${identity.jurisdiction}`);
        }
        if (tenancy.endOn !== null && tenancy.endOn <= today) throw new HubError(ErrorCode.BAD_USER_INPUT, `Tenancy ${tenancyId} already ended on ${tenancy.endOn}`);
        if (endedOn < tenancy.startOn) throw new HubError(ErrorCode.BAD_USER_INPUT, `endedOn (${endedOn}) must not be before the tenancy started (${tenancy.startOn})`);
        const before = snapshot(tenancy);
        tenancy.endOn = endedOn;
        await tx.flush();
        await tx.insert(TenancyCorrection, {
          tenancyId,
          correctionRequestId: answer.correctionRequestId,
          before,
          after: snapshot(tenancy),
          reason: answer.reason,
          correctedBy: identity.sub,
          correctedAt: new Date(),
        });
        return {
          result: tenancy,
          resultId: String(tenancy.id),
          subjects: [tenancy.tenantPersonId],
          changes: [{ recordType: 'tenancy', recordId: String(tenancy.id), before, after: { ...snapshot(tenancy), correctionRequestId: answer.correctionRequestId } }],
        };
      },
      (tx, id) => tx.findOneOrFail(Tenancy, { id }, { populate: ['dwelling'] }),
    );
  }
}
