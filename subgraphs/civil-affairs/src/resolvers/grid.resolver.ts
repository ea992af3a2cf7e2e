import { reportedCount } from '@hub/access';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Grid } from '../entities/stubs';
import { RECEIVES_ASSISTANCE } from '../policy';
import type { CivilAffairsContext } from './context';

@Resolver(() => Grid)
export class GridAssistanceResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'People with an ACTIVE (在保) assistance record in the grid: digits, or "<5" for a purpose not allowed Person.receivesAssistance',
  })
  async receivingAssistanceCount(@Root() grid: Grid, @Ctx() { identity, loaders }: CivilAffairsContext): Promise<string> {
    return reportedCount(await loaders.receivingAssistanceByGrid.load(grid.code), identity.purpose, [RECEIVES_ASSISTANCE]);
  }
}
