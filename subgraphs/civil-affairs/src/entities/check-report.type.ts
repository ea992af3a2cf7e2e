import { Field, ID, ObjectType } from 'type-graphql';

/** A kept 核对报告 as the application's record shows it: when, by whom, under which rules, and the verdict. */
@ObjectType({ description: 'A kept 核对报告 (the verdict and who ran it; the facts stay in the report)' })
export class CheckReport {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'ISO 8601' })
  checkedAt: string;

  @Field(() => String, { description: 'The user (token sub) who ran the check' })
  checkedBy: string;

  @Field(() => String)
  ruleVersion: string;

  @Field(() => Boolean)
  eligible: boolean;

  @Field(() => [String])
  reasons: string[];
}
