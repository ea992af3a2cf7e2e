import { REQUIRES_ACCESS_SCOPE } from '@hub/subgraph-kit';
import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Dwelling } from '../entities/dwelling.entity';
import { Person } from '../entities/stubs';
import { Tenancy } from '../entities/tenancy.entity';
import type { HousingContext } from './context';

@Resolver(() => Person)
export class PersonHousingResolver {
  @FieldResolver(() => [Dwelling], { nullable: true, description: 'Dwellings the person is a registered owner of' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  ownedDwellings(@Root() person: Person, @Ctx() { loaders }: HousingContext): Promise<Dwelling[]> {
    return loaders.ownedDwellingsByOwner.load(person.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Number of distinct dwellings the person owns (or co-owns)' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  ownedDwellingCount(@Root() person: Person, @Ctx() { loaders }: HousingContext): Promise<number> {
    return loaders.ownedDwellingCountByOwner.load(person.id);
  }

  @FieldResolver(() => [Tenancy], { nullable: true, description: 'Tenancies with the person as tenant, current first' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  tenancies(@Root() person: Person, @Ctx() { loaders }: HousingContext): Promise<Tenancy[]> {
    return loaders.tenanciesByTenant.load(person.id);
  }
}
