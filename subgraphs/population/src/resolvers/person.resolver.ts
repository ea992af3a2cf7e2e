import { ErrorCode, HubError, checkedIdNumber, formatAccessScope, inScope } from '@hub/access';
import { LookupBudget } from './lookup-budget';
import { personIdFor, personIdSecret } from '@hub/domain';
import { selectsTotalCount } from '@hub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Household } from '../entities/household.entity';
import { PersonConnection, PersonFilter } from '../entities/person-connection.type';
import { Person } from '../entities/person.entity';
import { Dwelling } from '../entities/stubs';
import type { PopulationContext } from './context';
import { searchPeople } from './person-search';
import { personScope, seesIdNumbersMasked } from '../policy';

/** Look-ups by full ID number a minute per user, for the purposes that see ID numbers masked (per process). */
const ID_NUMBER_LOOKUPS_PER_MINUTE = lookupBudget(process.env.ID_NUMBER_LOOKUPS_PER_MINUTE);
const idNumberLookups = new LookupBudget(ID_NUMBER_LOOKUPS_PER_MINUTE);

function lookupBudget(value: string | undefined): number {
  const budget = Number(value ?? 30);
  return Number.isInteger(budget) && budget >= 0 ? budget : 30;
}

/**
 * The one answer for "no such person" and "not yours": a caller must not tell a resident of another jurisdiction
 * from an ID number nobody has (same code, message and shape).
 */
function noPersonHere(): HubError {
  return new HubError(ErrorCode.OUT_OF_JURISDICTION, 'No person with this ID number within your jurisdiction');
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A resident by 公民身份号码' })
  async person(@Arg('idNumber', () => String) idNumber: string, @Ctx() { loaders, identity, audit }: PopulationContext): Promise<Person | null> {
    const checked = checkedIdNumber(idNumber);
    // The attempt is logged under the person the number would name, so an auditor sees the guessing, found or not.
    const subject = personIdFor(checked, personIdSecret());
    if (seesIdNumbersMasked(identity.purpose)) {
      const waitMs = idNumberLookups.take(identity.sub);
      if (waitMs > 0) {
        audit.note(subject, 'person.lookup', 'RATE_LIMITED');
        throw new HubError(
          ErrorCode.RATE_LIMITED,
          `Too many look-ups by ID number: the limit is ${ID_NUMBER_LOOKUPS_PER_MINUTE} a minute for purpose ${identity.purpose}; try again in ${Math.ceil(waitMs / 1000)} s`,
        );
      }
    }
    const person = await loaders.personByIdNumber(checked);
    if (!person) {
      audit.note(subject, 'person.lookup', 'NOT_FOUND');
      throw noPersonHere();
    }
    // The look-up's statement has already logged a person outside the jurisdiction as OUT_OF_JURISDICTION.
    if (!inScope(identity, personScope(person))) throw noPersonHere();
    return person;
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
