import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Grid } from '../entities/grid.entity';
import { Dwelling } from '../entities/stubs';
import type { GridContext } from './context';

@Resolver(() => Dwelling)
export class DwellingGridResolver {
  @FieldResolver(() => Grid, { nullable: true, description: 'The grid the dwelling is assigned to' })
  grid(@Root() dwelling: Dwelling, @Ctx() { loaders }: GridContext): Promise<Grid | null> {
    return loaders.gridByDwelling.load(dwelling.id);
  }
}
