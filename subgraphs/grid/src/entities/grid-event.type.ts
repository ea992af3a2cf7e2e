import { PageInfo } from '@hub/subgraph-kit';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GridEvent } from './grid-event.entity';

@ObjectType({ description: "One step of an event's history (append-only): who moved it from which status to which, when and why" })
export class GridEventStep {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'REPORT | ACCEPT | RETURN | DISPATCH | START | HANDLE | CLOSE | REJECT_HANDLING | ESCALATE | FOLLOW_UP' })
  action: string;

  @Field(() => String, { nullable: true, description: 'null for the report itself' })
  fromStatus: string | null;

  @Field(() => String)
  toStatus: string;

  @Field(() => String, { nullable: true, description: "The actor's token subject" })
  actorId: string | null;

  @Field(() => String, { nullable: true })
  actorName: string | null;

  @Field(() => String, { nullable: true })
  actorDepartment: string | null;

  @Field(() => String, { nullable: true })
  actorRole: string | null;

  @Field(() => String, { description: 'ISO 8601 with +08:00' })
  at: string;

  @Field(() => String, { nullable: true, description: 'Reason, instruction or what was done' })
  note: string | null;

  @Field(() => String, { nullable: true, description: "The event's state before the step, JSON" })
  before: string | null;

  @Field(() => String, { nullable: true, description: "The event's state after the step, JSON" })
  after: string | null;
}

@ObjectType()
export class GridEventConnection {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [GridEvent])
  nodes: GridEvent[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({
  description: 'The closed loop in figures for one grid, street or worker (考核): counts below 5 read "<5" unless the purpose may list every event',
})
export class GridEventStatistics {
  @Field(() => String, { description: 'GRID: 15-digit grid code; STREET: 9-digit street code; WORKER: the reporter id' })
  key: string;

  @Field(() => String, { nullable: true, description: 'Grid or street name, or the worker name' })
  name: string | null;

  @Field(() => String, { description: 'Events reported' })
  reported: string;

  @Field(() => String, { description: 'Events closed (结案, incl. followed up)' })
  closed: string;

  @Field(() => String, { description: 'Dispatched events handled by their deadline' })
  onTime: string;

  @Field(() => String, { description: 'Dispatched events handled late, or open past their deadline' })
  overdue: string;

  @Field(() => Float, { nullable: true, description: 'Mean hours from report to close (null when no closed event or the count is suppressed)' })
  meanHoursToClose: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean 满意度 (1–5) of the followed-up events (null when none or suppressed)' })
  meanSatisfaction: number | null;
}

@InputType({ description: 'A file attached to a report: base64 of the bytes, jpeg, png or pdf, at most 512 KiB (the gateway takes at most 1 MiB a request)' })
export class GridEventAttachmentInput {
  @Field(() => String)
  fileName: string;

  @Field(() => String, { description: 'image/jpeg | image/png | application/pdf (checked against the bytes)' })
  contentType: string;

  @Field(() => String)
  contentBase64: string;
}

@InputType({ description: '上报: what a 网格员 found' })
export class ReportGridEventInput {
  @Field(() => String, { description: 'Event category code valid today (eventCategories)' })
  category: string;

  @Field(() => String, { description: "15-digit grid code within the reporter's jurisdiction" })
  gridCode: string;

  @Field(() => String, { description: 'Where, in words (1–200 characters)' })
  address: string;

  @Field(() => ID, { nullable: true, description: 'The dwelling, when there is one; it must be assigned to gridCode' })
  dwellingId?: string | null;

  @Field(() => String, { description: 'What was found (1–2000 characters)' })
  description: string;

  @Field(() => [ID], { nullable: true, description: 'People involved, by person key (P + 24 hex), never their records; at most 20' })
  personIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'NORMAL (default) | URGENT | CRITICAL' })
  priority?: string | null;

  @Field(() => [GridEventAttachmentInput], { nullable: true, description: 'At most 5 files' })
  attachments?: GridEventAttachmentInput[] | null;
}

@InputType()
export class GridEventFilter {
  @Field(() => String, { nullable: true, description: "6/9/12-digit region or 15-digit grid, narrowed to the caller's jurisdiction" })
  regionCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only these statuses' })
  statuses?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Category code; a main class (XX00) includes its sub-classes' })
  category?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events dispatched to this department (grid center only; a department always sees its own)' })
  assignedDepartment?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only open events past their deadline' })
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only events the caller reported' })
  reportedByMe?: boolean | null;
}
