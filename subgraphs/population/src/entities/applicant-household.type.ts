import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The household (户) an applicant for assistance is registered in, as far as civil affairs needs it to open the
 * application (受理): which household, and where it lives (its grid, the application's jurisdiction). Not the
 * members, not the person: those open only once the application is an open case.
 */
@ObjectType({ description: '低保受理: the household an applicant is registered in, for civil affairs to open the application' })
@Directive('@inaccessible')
export class ApplicantHousehold {
  /** The applicant (pseudonymous key): the audit subject, not a field. */
  personId: string;

  @Field(() => ID, { nullable: true, description: 'The household (户) the applicant is registered in; null when in none' })
  householdId: string | null;

  @Field(() => String, { nullable: true, description: "The grid the household lives in (else the applicant's own): where the application belongs" })
  gridCode: string | null;
}
