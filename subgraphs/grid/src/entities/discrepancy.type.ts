import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Dwelling, Household, Person } from './stubs';

/** One department's record a discrepancy names: which department, what kind of record, its id there. */
@ObjectType({ description: 'A department record a discrepancy names (the record itself stays with its department)' })
export class DiscrepancyRecord {
  @Field(() => String, { description: 'POPULATION | HOUSING | CIVIL_AFFAIRS | PUBLIC_SECURITY' })
  department: string;

  @Field(() => String, { description: 'e.g. Person, AssistanceRecord, FloatingRegistration, Tenancy, Dwelling, Vehicle' })
  recordType: string;

  @Field(() => ID)
  recordId: string;
}

@ObjectType({ description: 'A disagreement between departments about one person or household: a derived fact, not the records behind it' })
export class Discrepancy {
  @Field(() => ID, { description: 'The discrepancy, signed by the grid center: name it to raise a correction (raiseCorrection)' })
  id: string;

  /** Kind and records: the same disagreement has the same key on every report (how its correction request is found). */
  key: string;

  @Field(() => String, {
    description:
      'DECEASED_WITH_ACTIVE_ASSISTANCE | FLOATING_REGISTERED_ELSEWHERE | ASSISTANCE_HOUSEHOLD_EXCESS_DWELLINGS | ASSISTANCE_HOUSEHOLD_NON_EXEMPT_VEHICLE | PERMIT_LAPSED_STILL_REGISTERED | TENANT_WITHOUT_FLOATING_REGISTRATION',
  })
  kind: string;

  @Field(() => [String], { description: 'The departments that disagree' })
  departments: string[];

  @Field(() => String, { description: 'What disagrees, in words' })
  description: string;

  @Field(() => String, { nullable: true, description: 'Machine detail, e.g. PERMIT_EXPIRED, DIED:2026-06-18, OWNS:2;LIMIT:1, REGISTERED_AT:<dwelling id>' })
  detail: string | null;

  @Field(() => String, { description: 'Grid (15 digits) of the person or household' })
  gridCode: string;

  @Field(() => [DiscrepancyRecord], { description: 'The records of each department involved' })
  records: DiscrepancyRecord[];

  @Field(() => Person, { nullable: true, description: 'The person concerned (their fields follow the Person policy)' })
  person: Person | null;

  @Field(() => Household, { nullable: true, description: 'The household concerned, when there is one' })
  household: Household | null;

  @Field(() => Dwelling, { nullable: true, description: 'The dwelling concerned: where the person lives or rents' })
  dwelling: Dwelling | null;

  /** The audit subject. */
  personId: string | null;
}

/**
 * The discrepancies of a region on a date, one page of them. Each department states its facts and decides the
 * kinds where it holds one side; the gateway brings the facts along (@requires), the grid center merges.
 */
@ObjectType({ description: 'Cross-department discrepancies of a region on a date, one page' })
@Directive('@key(fields: "id")')
export class DiscrepancyReport {
  @Field(() => ID, { description: 'The report: region (narrowed to the jurisdiction), date and page' })
  id: string;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  populationFindings?: string | null;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  civilAffairsFindings?: string | null;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  housingFindings?: string | null;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  publicSecurityFindings?: string | null;
}
