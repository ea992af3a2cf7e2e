import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Dwelling } from '../entities/dwelling.entity';
import { Ownership } from '../entities/ownership.entity';
import { Person } from '../entities/stubs';
import type { HousingContext } from './context';
import { dwellingOf } from './dwelling-of';

@Resolver(() => Ownership)
export class OwnershipResolver {
  @FieldResolver(() => Person, { nullable: true, description: '产权人' })
  owner(@Root() ownership: Ownership): Person {
    return { id: ownership.ownerPersonId };
  }

  @FieldResolver(() => Dwelling, { nullable: true })
  dwelling(@Root() ownership: Ownership, @Ctx() context: HousingContext): Dwelling | Promise<Dwelling | null> {
    return dwellingOf(ownership.dwelling, context);
  }
}
