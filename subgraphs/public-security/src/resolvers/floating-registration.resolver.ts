import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { FloatingPopulationConnection, FloatingPopulationFilter } from '../entities/floating-population';
import { FloatingRegistration } from '../entities/floating-registration.entity';
import { Dwelling, Person } from '../entities/references';
import type { PublicSecurityContext } from './context';
import { searchFloatingPopulation } from './floating-population-search';

@Resolver(() => FloatingRegistration)
export class FloatingRegistrationResolver {
  @Query(() => FloatingPopulationConnection, { description: '流动人口: ACTIVE registrations within the caller\'s jurisdiction, ordered by id' })
  async floatingPopulation(
    @Ctx() context: PublicSecurityContext,
    @Arg('filter', () => FloatingPopulationFilter, { nullable: true }) filter?: FloatingPopulationFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<FloatingPopulationConnection> {
    return searchFloatingPopulation(context, filter, first, after);
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() registration: FloatingRegistration): Person {
    return { id: registration.personId };
  }

  @FieldResolver(() => Dwelling, { nullable: true, description: 'The registered residence' })
  dwelling(@Root() registration: FloatingRegistration): Dwelling | null {
    return registration.dwellingId ? { id: registration.dwellingId } : null;
  }
}
