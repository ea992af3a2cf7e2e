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
