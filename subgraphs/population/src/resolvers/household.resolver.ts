import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Household } from '../entities/household.entity';
import { HouseholdMember } from '../entities/person-connection.type';
import type { PopulationContext } from './context';

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { nullable: true })
  async household(@Arg('id', () => ID) id: string, @Ctx() { loaders }: PopulationContext): Promise<Household | null> {
    return loaders.householdById.load(id);
  }

  @FieldResolver(() => [HouseholdMember], { nullable: true })
  async members(@Root() household: Household, @Ctx() { loaders }: PopulationContext): Promise<HouseholdMember[]> {
    const people = await loaders.membersByHousehold.load(household.id);
    return people.map((person) => ({ person, relationToHead: person.relationToHead, livesWithHousehold: person.livesWithHousehold }));
  }
}
