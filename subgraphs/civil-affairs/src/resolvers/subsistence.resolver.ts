import { ErrorCode, HubError } from '@hub/access';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { SubsistenceCheck } from '../entities/subsistence-check';
import { SubsistenceStandard } from '../entities/subsistence-standard.entity';
import type { CivilAffairsContext } from './context';
import { checkedIdNumber } from './input';

export const MAX_BATCH_APPLICATIONS = 10_000;
const APPLICATION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9\-]{0,19}$/;

@Resolver(() => SubsistenceCheck)
export class SubsistenceResolver {
  @Query(() => SubsistenceCheck, {
    nullable: true,
    description: '家庭经济状况核对 of the X-Case-Id application\'s household. Not implemented yet (arrives with the subsistence-check issue): validates idNumber and returns null.',
  })
  async subsistenceCheck(@Arg('idNumber', () => String) idNumber: string): Promise<SubsistenceCheck | null> {
    checkedIdNumber(idNumber);
    return null;
  }

  @Query(() => [SubsistenceCheck], {
    description: `Batch 核对, each application its own case (at most ${MAX_BATCH_APPLICATIONS}). Not implemented yet (arrives with the subsistence-check issue): validates the ids and returns [].`,
  })
  async subsistenceChecks(@Arg('applicationIds', () => [ID]) applicationIds: string[]): Promise<SubsistenceCheck[]> {
    if (applicationIds.length > MAX_BATCH_APPLICATIONS) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, `applicationIds may hold at most ${MAX_BATCH_APPLICATIONS} ids; got ${applicationIds.length}`);
    }
    const bad = applicationIds.find((id) => !APPLICATION_ID_PATTERN.test(id));
    if (bad !== undefined) throw new HubError(ErrorCode.BAD_USER_INPUT, `"${bad.slice(0, 24)}" is not an application id`);
    return [];
  }

  @Query(() => [SubsistenceStandard], { description: 'The dated 低保 standards and property rules, per region, newest first' })
  subsistenceStandards(@Ctx() { em }: CivilAffairsContext): Promise<SubsistenceStandard[]> {
    return em.find(SubsistenceStandard, {}, { orderBy: { regionCode: 'asc', effectiveFrom: 'desc' } });
  }
}
