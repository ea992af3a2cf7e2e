import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'assistance_application' })
@ObjectType({ description: '救助申请: an application for assistance (低保 by default) moving through 受理 → 核对 → 入户调查 → 公示 → 审批' })
export class AssistanceApplication {
  @PrimaryKey({ type: 'string', length: 20 })
  @Field(() => ID)
  id: string;

  @Property({ type: 'string', length: 25 })
  applicantPersonId: string;

  @Property({ type: 'string', length: 16 })
  householdId: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => String, { nullable: true, description: 'Assistance applied for: DIBAO | TEKUN | …' })
  kind: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => String, { description: 'ACCEPTED (受理) | VERIFYING (核对) | INVESTIGATING (入户调查) | PUBLICIZING (公示) | APPROVED | REJECTED | WITHDRAWN' })
  status: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: "The applicant's written authorization (授权书) for the 家庭经济状况核对 is on file" })
  authorizationOnFile: boolean;

  /** The 授权书's number, signing date and scan digest (AuthorizationEvidence); null on applications opened before they were kept. */
  @Property({ type: 'string', length: 40, nullable: true })
  authorizationDocumentNumber: string | null = null;

  @Property({ type: 'date', nullable: true })
  authorizationSignedOn: string | null = null;

  @Property({ type: 'string', columnType: 'char(64)', nullable: true })
  authorizationFileSha256: string | null = null;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: '受理 date, YYYY-MM-DD' })
  appliedOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '核对 completed, YYYY-MM-DD' })
  verifiedOn: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '入户调查 completed, YYYY-MM-DD' })
  investigatedOn: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '公示 started, YYYY-MM-DD' })
  publicizedOn: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Approved or rejected on, YYYY-MM-DD' })
  decidedOn: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'The written reason of a refusal (不予批准)' })
  decisionReason: string | null;

  @Property({ type: 'string', columnType: 'char(15)', nullable: true })
  gridCode: string | null;
}
