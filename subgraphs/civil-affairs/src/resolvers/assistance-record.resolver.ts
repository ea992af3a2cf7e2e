import { LockMode } from '@mikro-orm/core';
import { ErrorCode, HubError, checkedPastDate, inScope } from '@hub/access';
import { auditedWrite, checkedVersion } from '@hub/audit';
import { ASSISTANCE_END_REASON, isCode, todayInChina } from '@hub/domain';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { AssistanceRecord } from '../entities/assistance-record.entity';
import { ASSISTANCE_WRITE_CLASS } from '../policy';
import type { CivilAffairsContext } from './context';

@InputType({ description: '终止救助: one person’s benefit ends (e.g. a 低保 household member died)' })
export class EndAssistanceInput {
  @Field(() => ID)
  recordId: string;

  @Field(() => Int, { description: "The record's version as you saw it" })
  expectedVersion: number;

  @Field(() => String, { description: 'The last day of the benefit, YYYY-MM-DD: not in the future, not before it started' })
  endOn: string;

  @Field(() => String, {
    description: `终止原因: ${Object.entries(ASSISTANCE_END_REASON)
      .map(([code, label]) => `${code} ${label}`)
      .join(', ')}`,
  })
  reason: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

const snapshot = (record: AssistanceRecord) => ({ status: record.status, endOn: record.endOn, version: record.version });

/**
 * Civil affairs ends a benefit of a household it is reviewing (issue #14): under the household's open case (the 复核
 * that found, say, a member deceased), one record at a time, idempotent under retry, at the version the caseworker saw.
 */
@Resolver(() => AssistanceRecord)
export class AssistanceRecordResolver {
  @Mutation(() => AssistanceRecord, {
    description:
      "终止救助: ends an ACTIVE or SUSPENDED benefit of a member of the X-Case-Id case's household. Refused: an unknown record, one already ended, an " +
      'unknown reason, a bad date (BAD_USER_INPUT); a stale version (CONFLICT); a record of another household (OUT_OF_JURISDICTION).',
  })
  async endAssistance(@Ctx() { em, identity, audit }: CivilAffairsContext, @Arg('input', () => EndAssistanceInput) input: EndAssistanceInput): Promise<AssistanceRecord> {
    if (!/^\d{1,18}$/.test(input.recordId)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'recordId must be an assistance record id (digits)');
    // isCode, not a lookup: "constructor" or "toString" would find Object.prototype's and pass as a reason.
    if (!isCode(ASSISTANCE_END_REASON, input.reason))
      throw new HubError(ErrorCode.BAD_USER_INPUT, `reason must be one of ${Object.keys(ASSISTANCE_END_REASON).join(', ')}; got "${input.reason.slice(0, 20)}"`);
    const endOn = checkedPastDate(input.endOn, 'endOn', todayInChina());
    return auditedWrite(
      em,
      identity,
      { operation: 'endAssistance', clientRequestId: input.clientRequestId, input, fieldClass: ASSISTANCE_WRITE_CLASS },
      async (tx) => {
        const record = await tx.findOne(AssistanceRecord, { id: input.recordId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!record) throw new HubError(ErrorCode.BAD_USER_INPUT, `No assistance record ${input.recordId}`);
        if (!inScope(identity, { gridCode: record.gridCode, householdId: record.householdId })) {
          audit.note(record.personId, ASSISTANCE_WRITE_CLASS, 'OUT_OF_JURISDICTION');
          throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Assistance record ${input.recordId} is not of the case's household`);
        }
        checkedVersion('assistance record', record.id, record.version, input.expectedVersion);
        if (record.status === 'ENDED') throw new HubError(ErrorCode.BAD_USER_INPUT, `Assistance record ${record.id} already ended on ${record.endOn ?? 'an unknown day'}`);
        if (endOn < record.startOn) throw new HubError(ErrorCode.BAD_USER_INPUT, `endOn (${endOn}) must not be before the benefit started (${record.startOn})`);
        const before = snapshot(record);
        Object.assign(record, { status: 'ENDED', endOn, version: record.version + 1 });
        await tx.flush();
        return {
          result: record,
          resultId: record.id,
          subjects: [record.personId],
          changes: [{ recordType: 'assistance_record', recordId: record.id, before, after: { ...snapshot(record), reason: input.reason } }],
        };
      },
      (tx, recordId) => tx.findOneOrFail(AssistanceRecord, { id: recordId }),
    );
  }
}
