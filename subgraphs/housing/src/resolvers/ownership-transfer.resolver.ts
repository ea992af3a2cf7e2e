import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, HubError, checkedIdNumber, checkedPastDate } from '@hub/access';
import { auditedWrite, checkedVersion } from '@hub/audit';
import { personIdFor, personIdSecret, todayInChina } from '@hub/domain';
import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { Dwelling } from '../entities/dwelling.entity';
import { Ownership } from '../entities/ownership.entity';
import { OWNERSHIP_WRITE_CLASS } from '../policy';
import type { HousingContext } from './context';

const MAX_OWNERS = 10;

@InputType({ description: 'One owner of a dwelling after the transfer, and their share' })
export class NewOwnerInput {
  @Field(() => String, { description: "The owner's ID number (GB 11643); housing keeps the person key" })
  idNumber: string;

  @Field(() => Float, { description: 'Share of the dwelling, 0 < share ≤ 1; the shares add up to 1' })
  share: number;
}

@InputType({ description: '产权转移登记: the dwelling’s owners from now on' })
export class RecordOwnershipTransferInput {
  @Field(() => ID)
  dwellingId: string;

  @Field(() => Int, { description: "The dwelling record's version as you saw it (Dwelling.version)" })
  expectedVersion: number;

  @Field(() => [NewOwnerInput], { description: `The new owners, 1 to ${MAX_OWNERS}, shares adding up to 1` })
  owners: NewOwnerInput[];

  @Field(() => String, { description: '登记日期, YYYY-MM-DD, not in the future' })
  registeredOn: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

@ObjectType({ description: 'A dwelling’s owners after a transfer' })
export class OwnershipTransfer {
  @Field(() => ID)
  dwellingId: string;

  @Field(() => [Ownership])
  owners: Ownership[];
}

const listed = (owners: Ownership[]) => owners.map((owner) => ({ ownerPersonId: owner.ownerPersonId, share: Number(owner.share), registeredOn: owner.registeredOn }));

/**
 * Housing registers a change of a dwelling's owners (issue #14): the owners it had are replaced by the new ones in one
 * transaction, at the version of the dwelling the officer saw (another officer's transfer in between is CONFLICT, not
 * overwritten), the before and after kept, every owner old and new in the access log. Once under retry.
 */
@Resolver(() => OwnershipTransfer)
export class OwnershipTransferResolver {
  @Mutation(() => OwnershipTransfer, {
    description:
      '产权转移登记: the dwelling’s owners from now on. Refused: an unknown dwelling, a wrong ID number, the same owner twice, shares not adding up ' +
      'to 1, a date to come (BAD_USER_INPUT); a stale version (CONFLICT); a dwelling outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async recordOwnershipTransfer(@Ctx() { em, identity, audit }: HousingContext, @Arg('input', () => RecordOwnershipTransferInput) input: RecordOwnershipTransferInput): Promise<OwnershipTransfer> {
    if (input.owners.length === 0 || input.owners.length > MAX_OWNERS) throw new HubError(ErrorCode.BAD_USER_INPUT, `A dwelling has 1 to ${MAX_OWNERS} owners; got ${input.owners.length}`);
    const secret = personIdSecret();
    const owners = input.owners.map((owner, i) => {
      if (!(owner.share > 0 && owner.share <= 1)) throw new HubError(ErrorCode.BAD_USER_INPUT, `owners[${i}].share must be more than 0 and at most 1`);
      return { ownerPersonId: personIdFor(checkedIdNumber(owner.idNumber, `owners[${i}].idNumber`), secret), share: Math.round(owner.share * 10_000) / 10_000 };
    });
    if (new Set(owners.map((owner) => owner.ownerPersonId)).size !== owners.length) throw new HubError(ErrorCode.BAD_USER_INPUT, 'The same owner is named twice');
    const total = owners.reduce((sum, owner) => sum + owner.share, 0);
    if (Math.abs(total - 1) > 0.0001) throw new HubError(ErrorCode.BAD_USER_INPUT, `The shares must add up to 1; they add up to ${total}`);
    const registeredOn = checkedPastDate(input.registeredOn, 'registeredOn', todayInChina());
    const ownersOf = async (tx: EntityManager) => tx.find(Ownership, { dwelling: input.dwellingId }, { orderBy: { id: 'asc' } });
    return auditedWrite<EntityManager, OwnershipTransfer>(
      em,
      identity,
      { operation: 'recordOwnershipTransfer', clientRequestId: input.clientRequestId, input, fieldClass: OWNERSHIP_WRITE_CLASS },
      async (tx) => {
        const dwelling = await tx.findOne(Dwelling, { id: input.dwellingId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!dwelling) throw new HubError(ErrorCode.BAD_USER_INPUT, `No dwelling ${String(input.dwellingId).slice(0, 16)}`);
        if (!dwelling.gridCode?.startsWith(identity.jurisdiction)) {
          audit.note(null, OWNERSHIP_WRITE_CLASS, 'OUT_OF_JURISDICTION');
          throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Dwelling ${dwelling.id} is outside your jurisdiction ${identity.jurisdiction}`);
        }
        checkedVersion('dwelling', dwelling.id, dwelling.version, input.expectedVersion);
        const before = await ownersOf(tx);
        const versionBefore = dwelling.version;
        for (const owner of before) tx.remove(owner);
        for (const owner of owners) tx.create(Ownership, { dwelling, ownerPersonId: owner.ownerPersonId, share: owner.share, registeredOn });
        dwelling.version += 1;
        await tx.flush();
        const after = await ownersOf(tx);
        return {
          result: { dwellingId: dwelling.id, owners: after },
          resultId: dwelling.id,
          subjects: [...new Set([...before, ...after].map((owner) => owner.ownerPersonId))],
          changes: [
            { recordType: 'dwelling_ownership', recordId: dwelling.id, before: { owners: listed(before), version: versionBefore }, after: { owners: listed(after), version: dwelling.version } },
          ],
        };
      },
      async (tx, dwellingId) => ({ dwellingId, owners: await tx.find(Ownership, { dwelling: dwellingId }, { orderBy: { id: 'asc' } }) }),
    );
  }
}
