import { ErrorCode, HubError, checkedIdNumber } from '@hub/access';
import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { ApplicantHousehold } from '../entities/applicant-household.type';
import { Person } from '../entities/person.entity';
import type { PopulationContext } from './context';
import { APPLICANT_HOUSEHOLD_CLASS } from '../policy';

/**
 * 低保受理 from the ID number alone: civil affairs asks population, with the caseworker's gateway-signed token,
 * which household the applicant is registered in (ADR 0010). Only that household's id and grid leave, only for
 * SUBSISTENCE_REVIEW (policy), only within the caseworker's jurisdiction — the case does not exist yet, so the
 * case-household rule cannot apply and the jurisdiction is checked here — and the look is audited under the applicant.
 */
@Resolver(() => ApplicantHousehold)
export class ApplicantHouseholdResolver {
  @Query(() => ApplicantHousehold, {
    nullable: true,
    description: "The household an applicant for assistance is registered in (civil affairs' 受理 only; internal, not served by the gateway). Null when no such person.",
  })
  @Directive('@inaccessible')
  async applicantHousehold(@Arg('idNumber', () => String) idNumber: string, @Ctx() { em, loaders, identity, audit }: PopulationContext): Promise<ApplicantHousehold | null> {
    const person = await em.findOne(Person, { idNumber: checkedIdNumber(idNumber) });
    if (!person) return null;
    const household = person.householdId ? await loaders.householdForApplicant(person.householdId) : null;
    const gridCode = household?.gridCode ?? person.residenceGridCode ?? null;
    if (!gridCode || !gridCode.startsWith(identity.jurisdiction)) {
      audit.note(person.id, APPLICANT_HOUSEHOLD_CLASS, 'OUT_OF_JURISDICTION');
      throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `The applicant's household is outside your jurisdiction ${identity.jurisdiction}`);
    }
    return { personId: person.id, householdId: household?.id ?? null, gridCode };
  }
}
