import 'reflect-metadata';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One audited access to a person's data, from the access log of the subgraph that served it" })
export class AccessEvent {
  @Field(() => String, { description: 'When (UTC, ISO 8601)' })
  at: string;

  @Field(() => String, { description: 'The subgraph whose log recorded it' })
  subgraph: string;

  @Field(() => String, { nullable: true })
  requestId: string;

  @Field(() => String, { nullable: true, description: "The caller's user id (the token's sub)" })
  userId: string;

  @Field(() => String, { nullable: true, description: "The caller's name as the token gave it; null on events recorded before names were" })
  userName: string | null;

  @Field(() => String)
  department: string;

  @Field(() => String, { nullable: true })
  role: string;

  @Field(() => String, { nullable: true })
  purpose: string;

  @Field(() => String, { nullable: true })
  caseId: string | null;

  @Field(() => [String], { nullable: true })
  fieldClasses: string[];

  @Field(() => String, { nullable: true, description: 'CLEAR, MASKED, DERIVED, DENIED or OUT_OF_JURISDICTION' })
  outcome: string;
}

@ObjectType({ description: "The state of one department's hash-chained access log, walked from its first row: counts, a row id and times, never a row's content" })
export class AccessLogChainState {
  @Field(() => String, { description: 'Whose log: POPULATION, HOUSING, CIVIL_AFFAIRS, PUBLIC_SECURITY or GRID' })
  department: string;

  @Field(() => String, {
    description:
      'INTACT, BROKEN, INCOMPLETE (the walk ran out of its time budget with no break in the rows checked; npm run audit:verify walks any length) or UNAVAILABLE (the department did not answer)',
  })
  status: string;

  @Field(() => Boolean, { nullable: true, description: 'Every row links to the one before and matches its hash; null when INCOMPLETE or UNAVAILABLE' })
  intact: boolean | null;

  @Field(() => Int, { description: 'Rows verified (up to and including the first broken one)' })
  rowsChecked: number;

  @Field(() => String, { nullable: true, description: 'The id of the first row that does not verify' })
  firstBrokenRowId: string | null;

  @Field(() => Int, { nullable: true, description: 'Its position in the chain (1 = the first row)' })
  firstBrokenPosition: number | null;

  @Field(() => String, { nullable: true, description: 'UNLINKED (does not link to the row before: one was removed or reordered) or ALTERED (content does not match its hash)' })
  brokenReason: string | null;

  @Field(() => String, { description: 'When the walk ended (UTC, ISO 8601)' })
  checkedAt: string;

  @Field(() => Int, { nullable: true, description: 'How long the walk took, in milliseconds' })
  durationMs: number | null;

  @Field(() => String, { nullable: true, description: 'For INCOMPLETE and UNAVAILABLE: why (time budget; HTTP 503, timeout, no connection)' })
  problem: string | null;
}
