import { ErrorCode, HubError } from '@hub/access';
import { REGION_CODE_PATTERN } from '@hub/domain';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../entities/region.entity';
import type { GridContext } from './context';
import { isVisibleRegion } from './jurisdiction';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => [Region], {
    description: "The regions directly below parentCode (the districts when null), limited to the caller's jurisdiction and the regions above it",
  })
  async regions(@Ctx() { em, identity, loaders }: GridContext, @Arg('parentCode', () => String, { nullable: true }) parentCode?: string): Promise<Region[]> {
    const { jurisdiction } = identity;
    if (parentCode === null || parentCode === undefined) {
      const roots = await em.find(Region, { parentCode: null }, { orderBy: { code: 'asc' } });
      return roots.filter((region) => isVisibleRegion(region.code, jurisdiction));
    }
    if (!REGION_CODE_PATTERN.test(parentCode)) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, `parentCode must be a 6, 9 or 12 digit region code; got "${parentCode.slice(0, 20)}"`);
    }
    if (!isVisibleRegion(parentCode, jurisdiction)) {
      throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Region ${parentCode} is outside your jurisdiction ${jurisdiction}`);
    }
    const children = await loaders.childrenByParent.load(parentCode);
    return children.filter((region) => isVisibleRegion(region.code, jurisdiction));
  }

  @FieldResolver(() => [Region], { nullable: true, description: "The regions directly below, within the caller's jurisdiction" })
  async children(@Root() region: Region, @Ctx() { identity, loaders }: GridContext): Promise<Region[]> {
    const children = await loaders.childrenByParent.load(region.code);
    return children.filter((child) => isVisibleRegion(child.code, identity.jurisdiction));
  }
}
