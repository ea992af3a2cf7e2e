import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Household } from '../entities/household.entity';
import { SubsistenceCheck } from '../entities/stubs';
import type { PopulationContext } from './context';

@Resolver(() => SubsistenceCheck)
export class SubsistenceCheckResolver {
  @FieldResolver(() => Household, { nullable: true, description: 'The household checked, as the population register has it (none when the check was not run)' })
  household(@Root() check: SubsistenceCheck, @Ctx() { loaders }: PopulationContext): Promise<Household | null> | null {
    return check.householdId ? loaders.householdById.load(check.householdId) : null;
  }
}
