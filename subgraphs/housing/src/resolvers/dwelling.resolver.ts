import { ErrorCode, HubError } from '@hub/access';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Dwelling } from '../entities/dwelling.entity';
import { Ownership } from '../entities/ownership.entity';
import { Tenancy } from '../entities/tenancy.entity';
import type { HousingContext } from './context';

const DWELLING_ID_MAX_LENGTH = 16;

@Resolver(() => Dwelling)
export class DwellingResolver {
  @Query(() => Dwelling, { nullable: true, description: 'A dwelling by its id' })
  async dwelling(@Arg('id', () => ID) id: string, @Ctx() { loaders }: HousingContext): Promise<Dwelling | null> {
    if (!id || id.length > DWELLING_ID_MAX_LENGTH) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, `id must be a dwelling id of 1 to ${DWELLING_ID_MAX_LENGTH} characters`);
    }
    return loaders.dwellingById.load(id);
  }

  @FieldResolver(() => [Ownership], { nullable: true, description: '产权人: registered owners, largest share first' })
  owners(@Root() dwelling: Dwelling, @Ctx() { loaders }: HousingContext): Promise<Ownership[]> {
    return loaders.ownershipsByDwelling.load(dwelling.id);
  }

  @FieldResolver(() => [Tenancy], { nullable: true, description: 'All tenancies, current first' })
  tenancies(@Root() dwelling: Dwelling, @Ctx() { loaders }: HousingContext): Promise<Tenancy[]> {
    return loaders.tenanciesByDwelling.load(dwelling.id);
  }
}
