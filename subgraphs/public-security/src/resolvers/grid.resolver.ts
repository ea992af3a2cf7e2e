import { reportedCount } from '@hub/access';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Grid } from '../entities/stubs';
import { NEEDS_ATTENTION } from '../policy';
import type { PublicSecurityContext } from './context';

@Resolver(() => Grid)
export class GridAttentionResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'People with an active key-person record (重点关注人员) in the grid: digits, or "<5" for a purpose not allowed Person.needsAttention',
  })
  async needsAttentionCount(@Root() grid: Grid, @Ctx() { identity, loaders }: PublicSecurityContext): Promise<string> {
    return reportedCount(await loaders.needsAttentionByGrid.load(grid.code), identity.purpose, [NEEDS_ATTENTION]);
  }
}
