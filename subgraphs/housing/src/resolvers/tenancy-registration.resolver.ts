import { ErrorCode, HubError, checkedCode, checkedDwellingId, checkedPastDate, CORRECTION_REQUEST_ID_PATTERN } from '@hub/access';
import { auditedWrite } from '@hub/audit';
import { PERSON_ID_PATTERN, RENTAL_USE, todayInChina } from '@hub/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { Dwelling } from '../entities/dwelling.entity';
import { Tenancy } from '../entities/tenancy.entity';
import { TENANCY_WRITE_CLASS } from '../policy';
import type { HousingContext } from './context';

@InputType({ description: '出租登记: a tenancy housing records for one of its dwellings' })
export class RecordTenancyInput {
  @Field(() => ID)
  dwellingId: string;

  @Field(() => ID, { description: "承租人's person key (P + 24 hex digits), e.g. from a grid worker's proposal or person(idNumber)" })
  tenantPersonId: string;

  @Field(() => ID, { description: "出租人's person key" })
  landlordPersonId: string;

  @Field(() => String, { description: '出租用途 (GB/T 31000): 01 宿舍, 02 住房, 03 商铺, 04 办公, 05 仓库, 06 厂房, 99 其他' })
  rentalUse: string;

  @Field(() => String, { description: '起租日期, YYYY-MM-DD, not in the future' })
  startOn: string;

  @Field(() => ID, { nullable: true, description: "The grid center's request this takes over (CR…), e.g. a grid worker's visit; then accept it there" })
  correctionRequestId?: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

const snapshot = (tenancy: Tenancy) => ({
  dwellingId: tenancy.dwelling.id,
  tenantPersonId: tenancy.tenantPersonId,
  landlordPersonId: tenancy.landlordPersonId,
  rentalUse: tenancy.rentalUse,
  startOn: tenancy.startOn,
  endOn: tenancy.endOn,
});

/** Housing records a tenancy of its own dwelling (issue #14): idempotent under retry, with its record and its audit. */
@Resolver(() => Tenancy)
export class TenancyRegistrationResolver {
  @Mutation(() => Tenancy, {
    description:
      '出租登记: records a tenancy of a dwelling in your jurisdiction (e.g. taking over a grid worker’s TENANCY_STARTED report). Refused: an unknown ' +
      'dwelling, a malformed key or code, a date to come, the same person on both sides, a tenancy of the same tenant already current there ' +
      '(BAD_USER_INPUT); a dwelling outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async recordTenancy(@Ctx() { em, identity, audit }: HousingContext, @Arg('input', () => RecordTenancyInput) input: RecordTenancyInput): Promise<Tenancy> {
    checkedDwellingId(input.dwellingId);
    for (const [what, key] of [
      ['tenantPersonId', input.tenantPersonId],
      ['landlordPersonId', input.landlordPersonId],
    ] as const) {
      if (!PERSON_ID_PATTERN.test(key)) throw new HubError(ErrorCode.BAD_USER_INPUT, `${what} must be a person key (P followed by 24 hex digits)`);
    }
    if (input.tenantPersonId === input.landlordPersonId) throw new HubError(ErrorCode.BAD_USER_INPUT, 'The tenant and the landlord must be two people');
    const rentalUse = checkedCode(RENTAL_USE, input.rentalUse, 'rentalUse');
    const today = todayInChina();
    const startOn = checkedPastDate(input.startOn, 'startOn', today);
    if (input.correctionRequestId && !CORRECTION_REQUEST_ID_PATTERN.test(input.correctionRequestId)) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, 'correctionRequestId must be a correction request id (CR followed by 21 digits)');
    }
    return auditedWrite<EntityManager, Tenancy>(
      em,
      identity,
      { operation: 'recordTenancy', clientRequestId: input.clientRequestId, input, fieldClass: TENANCY_WRITE_CLASS },
      async (tx) => {
        const dwelling = await tx.findOne(Dwelling, { id: input.dwellingId });
        if (!dwelling) throw new HubError(ErrorCode.BAD_USER_INPUT, `No dwelling ${input.dwellingId}`);
        if (!dwelling.gridCode?.startsWith(identity.jurisdiction)) {
          audit.note(input.tenantPersonId, TENANCY_WRITE_CLASS, 'OUT_OF_JURISDICTION');
          throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Dwelling ${input.dwellingId} is outside your jurisdiction ${identity.jurisdiction}`);
        }
        const current = await tx.findOne(Tenancy, { dwelling: dwelling.id, tenantPersonId: input.tenantPersonId, $or: [{ endOn: null }, { endOn: { $gte: today } }] });
        if (current) throw new HubError(ErrorCode.BAD_USER_INPUT, `Dwelling ${dwelling.id} already has a current tenancy of this tenant (tenancy ${current.id}, since ${current.startOn})`);
        const tenancy = tx.create(Tenancy, { dwelling, tenantPersonId: input.tenantPersonId, landlordPersonId: input.landlordPersonId, rentalUse, startOn, endOn: null });
        await tx.flush();
        return {
          result: tenancy,
          resultId: String(tenancy.id),
          subjects: [input.tenantPersonId, input.landlordPersonId],
          changes: [{ recordType: 'tenancy', recordId: String(tenancy.id), before: null, after: { ...snapshot(tenancy), correctionRequestId: input.correctionRequestId ?? null } }],
        };
      },
      (tx, id) => tx.findOneOrFail(Tenancy, { id }, { populate: ['dwelling'] }),
    );
  }
}
