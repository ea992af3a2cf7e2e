import { todayInChina } from '@hub/domain';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Dwelling } from '../entities/dwelling.entity';
import { Person } from '../entities/stubs';
import { Tenancy } from '../entities/tenancy.entity';
import type { HousingContext } from './context';
import { dwellingOf } from './dwelling-of';

export function isCurrentTenancy(tenancy: Pick<Tenancy, 'startOn' | 'endOn'>, today = todayInChina()): boolean {
  return tenancy.startOn <= today && (tenancy.endOn === null || tenancy.endOn >= today);
}

@Resolver(() => Tenancy)
export class TenancyResolver {
  @FieldResolver(() => Person, { nullable: true, description: '承租人' })
  tenant(@Root() tenancy: Tenancy): Person {
    return { id: tenancy.tenantPersonId };
  }

  @FieldResolver(() => Person, { nullable: true, description: '房东 (出租人)' })
  landlord(@Root() tenancy: Tenancy): Person {
    return { id: tenancy.landlordPersonId };
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Started and not yet ended (today, China time)' })
  current(@Root() tenancy: Tenancy): boolean {
    return isCurrentTenancy(tenancy);
  }

  @FieldResolver(() => Dwelling, { nullable: true })
  dwelling(@Root() tenancy: Tenancy, @Ctx() context: HousingContext): Dwelling | Promise<Dwelling | null> {
    return dwellingOf(tenancy.dwelling, context);
  }
}
