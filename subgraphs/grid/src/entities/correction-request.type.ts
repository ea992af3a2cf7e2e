import { PageInfo } from '@hub/subgraph-kit';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CorrectionRequest } from './correction-request.entity';

@ObjectType({ description: 'A page of correction requests' })
export class CorrectionRequestConnection {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [CorrectionRequest])
  nodes: CorrectionRequest[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@InputType({ description: 'A discrepancy sent back to the department whose record the grid center judges wrong' })
export class RaiseCorrectionInput {
  @Field(() => ID, { description: 'Discrepancy.id, as the discrepancies report listed it' })
  discrepancyId: string;

  @Field(() => String, { description: "The department whose record is wrong: one of the discrepancy's departments" })
  targetDepartment: string;

  @Field(() => String, { description: 'What should be corrected, in words (1–1000 characters)' })
  proposedCorrection: string;
}

/** The kinds of change a grid worker proposes from a visit, and the department that owns the record. */
export const FIELD_CHANGE_KINDS = { TENANCY_STARTED: 'HOUSING', RESIDENT_LEFT: 'POPULATION' } as const;

@InputType({ description: '走访发现的出租: the dwelling is let to a tenant the owning department (housing) has no tenancy for' })
export class ProposedTenancyInput {
  @Field(() => String, { description: "承租人's ID number (GB 11643); the request keeps only the person key" })
  tenantIdNumber: string;

  @Field(() => String, { description: "出租人's ID number (GB 11643); the request keeps only the person key" })
  landlordIdNumber: string;

  @Field(() => String, { description: '出租用途 (GB/T 31000): 01 宿舍, 02 住房, 03 商铺, 04 办公, 05 仓库, 06 厂房, 99 其他' })
  rentalUse: string;

  @Field(() => String, { description: '起租日期, YYYY-MM-DD, not in the future' })
  startOn: string;
}

@InputType({ description: '走访发现的迁离: a resident population registers at the visited dwelling no longer lives there' })
export class ProposedDepartureInput {
  @Field(() => String, { description: "The resident's ID number (GB 11643); the request keeps only the person key" })
  idNumber: string;

  @Field(() => String, { description: '迁离日期 as the worker learnt it, YYYY-MM-DD, not in the future' })
  leftOn: string;
}

@InputType({ description: '网格员采集: what a grid worker found on a visit, proposed to the department that owns the record (never written to it)' })
export class ProposeFieldChangeInput {
  @Field(() => String, { description: `The kind of change: ${Object.keys(FIELD_CHANGE_KINDS).join(' | ')}` })
  kind: string;

  @Field(() => String, { description: 'The grid (15 digits) of the visit, within your jurisdiction' })
  gridCode: string;

  @Field(() => ID, { description: 'The dwelling visited, one of the grid’s' })
  dwellingId: string;

  @Field(() => String, { description: '走访日期, YYYY-MM-DD, not in the future' })
  visitedOn: string;

  @Field(() => ProposedTenancyInput, { nullable: true, description: 'For TENANCY_STARTED' })
  tenancy?: ProposedTenancyInput;

  @Field(() => ProposedDepartureInput, { nullable: true, description: 'For RESIDENT_LEFT' })
  departure?: ProposedDepartureInput;

  @Field(() => String, { nullable: true, description: 'What the worker saw, in words (at most 1000 characters)' })
  note?: string;

  @Field(() => String, { description: 'Made by the client for this report (a UUID) and sent again on a retry' })
  clientRequestId: string;
}
