import { selectsTotalCount } from '@hub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { FloatingPopulationConnection, FloatingPopulationFilter, FloatingPopulationOrder } from '../entities/floating-population.type';
import { FloatingRegistration } from '../entities/floating-registration.entity';
import { Dwelling, Person } from '../entities/stubs';
import type { PublicSecurityContext } from './context';
import { searchFloatingPopulation } from './floating-population-search';

@Resolver(() => FloatingRegistration)
export class FloatingRegistrationResolver {
  @Query(() => FloatingPopulationConnection, { description: "流动人口: ACTIVE registrations within the caller's jurisdiction, in a stable order (id unless orderBy says otherwise)" })
  async floatingPopulation(
    @Ctx() context: PublicSecurityContext,
    @Arg('filter', () => FloatingPopulationFilter, { nullable: true }) filter?: FloatingPopulationFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('orderBy', () => FloatingPopulationOrder, { nullable: true, defaultValue: FloatingPopulationOrder.ID }) orderBy?: FloatingPopulationOrder,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<FloatingPopulationConnection> {
    const counted = selectsTotalCount(info);
    return searchFloatingPopulation(context, filter, first, after, orderBy ?? FloatingPopulationOrder.ID, counted);
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() registration: FloatingRegistration): Person {
    return { id: registration.personId };
  }

  @FieldResolver(() => Person, { nullable: true, description: '房东 of the rented residence, as recorded at registration (null when not rented)' })
  landlord(@Root() registration: FloatingRegistration): Person | null {
    return registration.landlordPersonId ? { id: registration.landlordPersonId } : null;
  }

  @FieldResolver(() => Dwelling, { nullable: true, description: 'The registered residence' })
  dwelling(@Root() registration: FloatingRegistration): Dwelling | null {
    return registration.dwellingId ? { id: registration.dwellingId } : null;
  }
}
