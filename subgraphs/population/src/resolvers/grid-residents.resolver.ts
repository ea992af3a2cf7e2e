import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { PersonConnection } from '../entities/person-connection';
import { Grid } from '../entities/references';
import type { PopulationContext } from './context';
import { searchPeople } from './person-search';

@Resolver(() => Grid)
export class GridResidentsResolver {
  @FieldResolver(() => PersonConnection, { nullable: true, description: 'Residents whose residence is in this grid' })
  async residents(
    @Root() grid: Grid,
    @Ctx() context: PopulationContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<PersonConnection> {
    return searchPeople(context, { regionCode: grid.code }, first, after);
  }
}
