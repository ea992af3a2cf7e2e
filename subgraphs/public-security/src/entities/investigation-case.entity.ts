import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { PageInfo } from '@hub/subgraph-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * 案件登记: a police case as public security registers it. A request under CASE_INVESTIGATION names one of these in
 * X-Case-Id, and the gateway lets it through only while the case is open and within the officer's jurisdiction.
 */
@Entity({ tableName: 'investigation_case' })
@ObjectType({ description: "案件登记: a police case in public security's register; the case a CASE_INVESTIGATION request names in X-Case-Id" })
export class InvestigationCase {
  @PrimaryKey({ type: 'string', length: 64 })
  @Field(() => ID, { description: "案件编号, as the police's case system issued it" })
  caseNumber: string;

  @Property({ type: 'text' })
  @Field(() => String, { nullable: true, description: '简要案情' })
  summary: string;

  @Property({ type: 'string', length: 15 })
  @Field(() => String, { nullable: true, description: 'The region (6, 9 or 12 digits) or grid (15) the case belongs to; only officers whose jurisdiction covers it use it' })
  jurisdiction: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { nullable: true, description: "立案人: the opening officer's user id" })
  openedBy: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { nullable: true, description: "立案人's name" })
  openedByName: string;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: '立案日期, YYYY-MM-DD' })
  openedOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '结案日期, YYYY-MM-DD; the access the case gave ends with it' })
  closedOn: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: "结案人: the closing officer's user id" })
  closedBy: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '结案说明' })
  closingReason: string | null;
}

/** 涉案人员: a person the case concerns, by person key (the register keeps no ID number). */
@Entity({ tableName: 'investigation_case_subject' })
export class InvestigationCaseSubject {
  @PrimaryKey({ type: 'string', length: 64 })
  caseNumber: string;

  @PrimaryKey({ type: 'string', length: 25 })
  personId: string;
}

@ObjectType({ description: 'A page of the case register' })
export class InvestigationCaseConnection {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [InvestigationCase])
  nodes: InvestigationCase[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
