import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Person } from '../entities/stubs';
import { Vehicle } from '../entities/vehicle.entity';

@Resolver(() => Vehicle)
export class VehicleResolver {
  @FieldResolver(() => Person, { nullable: true, description: '所有人' })
  owner(@Root() vehicle: Vehicle): Person {
    return { id: vehicle.ownerPersonId };
  }
}
