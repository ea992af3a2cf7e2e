import { appendWriteAudit } from '@hub/audit';
import { LockMode } from '@mikro-orm/core';
import { ErrorCode, HubError, checkedDate, checkedCorrectionAnswer } from '@hub/access';
import { todayInChina } from '@hub/domain';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { TenancyCorrection } from '../entities/tenancy-correction.entity';
import { Tenancy } from '../entities/tenancy.entity';
import type { HousingContext } from './context';

const TENANCY_ID_PATTERN = /^\d{1,18}$/;

/** The part of a tenancy a correction may change, as its history keeps it. */
const snapshot = (tenancy: Tenancy) => ({ endOn: tenancy.endOn });

/**
 * 纠错回流 on housing's side: it corrects its own tenancy (never another department's record), in one transaction with
 * its before/after row, and audits the write under the tenant.
 */
@Resolver(() => Tenancy)
export class TenancyCorrectionResolver {
  @Mutation(() => Tenancy, {
    description:
      '退租登记: housing records that a tenancy of its own register ended on `endedOn` (YYYY-MM-DD, not in the future, not before it ' +
      'started; a tenancy is current through its last day), e.g. answering a correction request for TENANT_WITHOUT_FLOATING_REGISTRATION, ' +
      "keeping the before and after. Refused: an unknown tenancy, one already ended, a bad date (BAD_USER_INPUT); a dwelling outside the caller's jurisdiction (OUT_OF_JURISDICTION).",
  })
  async endTenancy(
    @Ctx() { em, identity, audit }: HousingContext,
    @Arg('tenancyId', () => ID) tenancyId: string,
    @Arg('endedOn', () => String, { description: 'The last day of the tenancy, YYYY-MM-DD' }) endedOn: string,
    @Arg('correctionRequestId', () => ID, { nullable: true, description: "The grid center's correction request this answers (CR…), if any" }) correctionRequestId?: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why, in words (at most 1000 characters)' }) reason?: string,
  ): Promise<Tenancy> {
    if (!TENANCY_ID_PATTERN.test(tenancyId)) throw new HubError(ErrorCode.BAD_USER_INPUT, `"${String(tenancyId).slice(0, 24)}" is not a tenancy id (digits)`);
    checkedDate(endedOn, 'endedOn');
    const today = todayInChina();
    if (endedOn > today) throw new HubError(ErrorCode.BAD_USER_INPUT, `endedOn (${endedOn}) must not be in the future (today is ${today})`);
    const answer = checkedCorrectionAnswer(correctionRequestId, reason);
    const tenancy = await em.transactional(async (tx) => {
      const row = await tx.findOne(Tenancy, { id: tenancyId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['dwelling'] });
      if (!row) throw new HubError(ErrorCode.BAD_USER_INPUT, `No tenancy ${tenancyId}`);
      const gridCode = row.dwelling.gridCode;
      if (!gridCode || !gridCode.startsWith(identity.jurisdiction)) {
        audit.note(row.tenantPersonId, 'housing.tenancy.correction', 'OUT_OF_JURISDICTION');
        throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Tenancy ${tenancyId} is of a dwelling outside your jurisdiction ${identity.jurisdiction}`);
      }
      if (row.endOn !== null && row.endOn <= today) throw new HubError(ErrorCode.BAD_USER_INPUT, `Tenancy ${tenancyId} already ended on ${row.endOn}`);
      if (endedOn < row.startOn) throw new HubError(ErrorCode.BAD_USER_INPUT, `endedOn (${endedOn}) must not be before the tenancy started (${row.startOn})`);
      const before = snapshot(row);
      row.endOn = endedOn;
      await tx.flush();
      await tx.insert(TenancyCorrection, {
        tenancyId,
        correctionRequestId: answer.correctionRequestId,
        before,
        after: snapshot(row),
        reason: answer.reason,
        correctedBy: identity.sub,
        correctedAt: new Date(),
      });
      await appendWriteAudit(tx, identity, [row.tenantPersonId], 'housing.tenancy.correction');
      return row;
    });
    return tenancy;
  }
}
