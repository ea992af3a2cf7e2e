import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Grid } from '../entities/grid.entity';
import { Person } from '../entities/stubs';
import type { GridContext } from './context';

@Resolver(() => Person)
export class PersonGridResolver {
  @FieldResolver(() => Grid, { nullable: true, description: 'The grid of the dwelling the person lives in' })
  @Directive('@requires(fields: "residence { id } accessScope")')
  async grid(@Root() person: Person, @Ctx() { loaders }: GridContext): Promise<Grid | null> {
    const dwellingId = person.residence?.id;
    return dwellingId ? loaders.gridByDwelling.load(dwellingId) : null;
  }
}
