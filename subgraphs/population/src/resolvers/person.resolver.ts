import { checkedIdNumber, formatAccessScope } from '@hub/access';
import { selectsTotalCount } from '@hub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Household } from '../entities/household.entity';
import { PersonConnection, PersonFilter } from '../entities/person-connection.type';
import { Person } from '../entities/person.entity';
import { Dwelling } from '../entities/stubs';
import type { PopulationContext } from './context';
import { searchPeople } from './person-search';

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A resident by 公民身份号码' })
  async person(@Arg('idNumber', () => String) idNumber: string, @Ctx() { loaders }: PopulationContext): Promise<Person | null> {
    return loaders.personByIdNumber(checkedIdNumber(idNumber));
  }

  @Query(() => PersonConnection, { description: "Residents within the caller's jurisdiction, ordered by id" })
  async people(
    @Ctx() context: PopulationContext,
    @Arg('filter', () => PersonFilter, { nullable: true }) filter?: PersonFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<PersonConnection> {
    return searchPeople(context, filter, first, after, selectsTotalCount(info));
  }

  @FieldResolver(() => Household, { nullable: true })
  async household(@Root() person: Person, @Ctx() { loaders }: PopulationContext): Promise<Household | null> {
    return person.householdId ? loaders.householdById.load(person.householdId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Where the person lives and which household they belong to, for the other subgraphs' jurisdiction checks" })
  @Directive('@inaccessible')
  accessScope(@Root() person: Person): string {
    return formatAccessScope({ gridCode: person.residenceGridCode, householdId: person.householdId });
  }

  @FieldResolver(() => Dwelling, { nullable: true, description: 'The dwelling where the person actually lives' })
  residence(@Root() person: Person): Dwelling | null {
    return person.residenceDwellingId ? { id: person.residenceDwellingId } : null;
  }
}
