import { REQUIRES_ACCESS_SCOPE } from '@hub/subgraph-kit';
import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { FloatingRegistration } from '../entities/floating-registration.entity';
import { KeyPersonRecord } from '../entities/key-person-record.entity';
import { Person } from '../entities/stubs';
import { Vehicle } from '../entities/vehicle.entity';
import type { PublicSecurityContext } from './context';

/** What public security adds to a person: floating registration, vehicles and key-person status. */
@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => FloatingRegistration, { nullable: true, description: 'The ACTIVE floating-population registration (the newest if several)' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  floatingRegistration(@Root() person: Person, @Ctx() { loaders }: PublicSecurityContext): Promise<FloatingRegistration | null> {
    return loaders.registrationByPerson.load(person.id);
  }

  @FieldResolver(() => [Vehicle], { nullable: true, description: 'Vehicles registered to the person' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  vehicles(@Root() person: Person, @Ctx() { loaders }: PublicSecurityContext): Promise<Vehicle[]> {
    return loaders.vehiclesByOwner.load(person.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Vehicles that count against the 低保 property rule (not exempt)' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  nonExemptVehicleCount(@Root() person: Person, @Ctx() { loaders }: PublicSecurityContext): Promise<number> {
    return loaders.nonExemptVehicleCountByOwner.load(person.id);
  }

  @FieldResolver(() => KeyPersonRecord, { nullable: true, description: 'The active key-person record (highest attention level)' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  keyPerson(@Root() person: Person, @Ctx() { loaders }: PublicSecurityContext): Promise<KeyPersonRecord | null> {
    return loaders.keyPersonByPerson.load(person.id);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Is an active key person (重点关注人员)' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  async needsAttention(@Root() person: Person, @Ctx() { loaders }: PublicSecurityContext): Promise<boolean> {
    return (await loaders.keyPersonByPerson.load(person.id)) !== null;
  }
}
