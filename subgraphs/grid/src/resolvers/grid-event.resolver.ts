import { LockMode, QueryOrder, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, HubError, checkedDate, checkedDwellingId, scopedPrefix, escapeLike, type RequestIdentity } from '@hub/access';
import { PERSON_ID_PATTERN, chinaIso, deadlineFor, slaHoursFor, todayInChina } from '@hub/domain';
import { decodeCursor, encodeCursor, pageSize, selectsTotalCount, type PageInfo } from '@hub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EventCategory } from '../entities/event-category.entity';
import { DwellingGrid } from '../entities/dwelling-grid.entity';
import { GridEventAttachment } from '../entities/grid-event-attachment.entity';
import { GRID_EVENT_PRIORITIES, GRID_EVENT_STATUSES, GridEvent, type GridEventPriority, type GridEventStatus } from '../entities/grid-event.entity';
import { GridEventConnection, GridEventFilter, GridEventStep, ReportGridEventInput } from '../entities/grid-event.type';
import { Grid } from '../entities/grid.entity';
import { Dwelling, Person } from '../entities/stubs';
import { MAX_ATTACHMENTS, checkedAttachment } from '../events/attachments';
import { slaLight, type SlaLight } from '../events/sla';
import { DISPATCH_DEPARTMENTS, REPORTER, checkTransition, checkVisible, type GridEventAction } from '../events/transitions';
import { appendTransitionAudit, snapshot, stepRow, testOnlyPauseInTransaction } from '../events/write';
import { categoriesValidOn } from '../loaders/grid-event.loaders';
import type { GridContext } from './context';
import { checkedGridCode } from './jurisdiction';

const EVENT_ID_PATTERN = /^[1-9]\d{0,17}$/;
const MAX_PEOPLE = 20;
/** The statuses a department's queue holds by default: dispatched to it and not yet handled. */
const QUEUE_STATUSES: GridEventStatus[] = ['DISPATCHED', 'IN_PROGRESS'];
const WORKED_ON: GridEventStatus[] = ['DISPATCHED', 'IN_PROGRESS'];

function checkedEventId(id: string): string {
  if (!EVENT_ID_PATTERN.test(id)) throw new HubError(ErrorCode.BAD_USER_INPUT, `"${String(id).slice(0, 24)}" is not an event id (digits)`);
  return id;
}

function checkedText(value: string | null | undefined, what: string, max: number, required: boolean): string | null {
  const text = (value ?? '').trim();
  if (!text) {
    if (required) throw new HubError(ErrorCode.BAD_USER_INPUT, `${what} is required`);
    return null;
  }
  if ([...text].length > max) throw new HubError(ErrorCode.BAD_USER_INPUT, `${what} must be at most ${max} characters`);
  return text;
}

function checkedStatuses(statuses: string[] | null | undefined): GridEventStatus[] | undefined {
  if (!statuses || statuses.length === 0) return undefined;
  for (const status of statuses) {
    if (!(GRID_EVENT_STATUSES as readonly string[]).includes(status))
      throw new HubError(ErrorCode.BAD_USER_INPUT, `status must be one of ${GRID_EVENT_STATUSES.join(', ')}; got "${status.slice(0, 20)}"`);
  }
  return statuses as GridEventStatus[];
}

/** Offset cursors for the ordered work lists (queue, overdue): their order moves as deadlines and escalations change. */
function offsetOf(after: string | null | undefined): number {
  const decoded = decodeCursor(after);
  if (decoded === undefined) return 0;
  if (!/^o\d{1,9}$/.test(decoded)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor of this list');
  return Number(decoded.slice(1));
}

function offsetPage(rows: GridEvent[], totalCount: number, offset: number, limit: number): GridEventConnection {
  const nodes = rows.slice(0, limit);
  const pageInfo: PageInfo = { hasNextPage: rows.length > limit, endCursor: nodes.length ? encodeCursor(`o${offset + nodes.length}`) : null };
  return { totalCount, nodes, pageInfo };
}

/** The action's SQL transaction: lock the row, check, change, append the step and the audit, all or nothing. */
async function transition(
  { em, identity }: GridContext,
  action: Exclude<GridEventAction, 'REPORT'>,
  id: string,
  expectedVersion: number,
  change: (event: GridEvent, now: Date, tx: EntityManager) => Promise<string | null> | string | null,
): Promise<GridEvent> {
  checkedEventId(id);
  if (!Number.isInteger(expectedVersion) || expectedVersion < 1) throw new HubError(ErrorCode.BAD_USER_INPUT, 'expectedVersion must be the positive version you saw');
  return em.transactional(async (tx) => {
    const event = await tx.findOne(GridEvent, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!event) throw new HubError(ErrorCode.BAD_USER_INPUT, `No event ${id}`);
    const { to } = checkTransition(action, identity, event, expectedVersion);
    const before = snapshot(event);
    const fromStatus = event.status;
    const now = new Date();
    const note = await change(event, now, tx);
    if (to) event.status = to;
    event.version += 1;
    event.updatedAt = now;
    tx.persist(stepRow(event, action, identity, now, fromStatus, before, note));
    await tx.flush();
    await testOnlyPauseInTransaction();
    await appendTransitionAudit(tx, identity, action, event);
    return event;
  });
}

@Resolver(() => GridEvent)
export class GridEventResolver {
  // ── queries ──────────────────────────────────────────────────────────────────────────────────────────────

  @Query(() => [EventCategory], { description: 'The event-category code table valid on asOf (YYYY-MM-DD, default today in China)' })
  eventCategories(@Ctx() { em }: GridContext, @Arg('asOf', () => String, { nullable: true }) asOf?: string): Promise<EventCategory[]> {
    return categoriesValidOn(em, asOf ? checkedDate(asOf, 'asOf') : todayInChina());
  }

  @Query(() => GridEvent, {
    nullable: true,
    description: "One event of the caller's jurisdiction (the grid center) or dispatched to the caller's department; null when there is none",
  })
  async gridEvent(@Arg('id', () => ID) id: string, @Ctx() { loaders, identity }: GridContext): Promise<GridEvent | null> {
    const event = await loaders.gridEventById.load(checkedEventId(id));
    if (!event) return null;
    checkVisible(identity, event);
    return event;
  }

  @Query(() => GridEventConnection, {
    description: "Events within the caller's jurisdiction, newest first; a department sees only those dispatched to it. Paged: first (default 20, at most 500), after a cursor of the previous page",
  })
  async gridEvents(
    @Ctx() { em, identity }: GridContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => GridEventFilter, { nullable: true }) filter?: GridEventFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<GridEventConnection> {
    const limit = pageSize(first);
    const afterId = decodeCursor(after);
    if (afterId !== undefined && !EVENT_ID_PATTERN.test(afterId)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor of this list');
    const where = eventFilter(identity, filter);
    const [rows, totalCount] = await Promise.all([
      limit === 0 ? Promise.resolve([]) : em.find(GridEvent, afterId ? { $and: [where, { id: { $lt: afterId } }] } : where, { orderBy: { id: QueryOrder.DESC }, limit: limit + 1 }),
      // A district-wide count scans every event of the district: only when asked for.
      selectsTotalCount(info) ? em.count(GridEvent, where) : Promise.resolve(-1),
    ]);
    const nodes = rows.slice(0, limit);
    return { totalCount, nodes, pageInfo: { hasNextPage: rows.length > limit, endCursor: nodes.length ? encodeCursor(String(nodes[nodes.length - 1].id)) : null } };
  }

  @Query(() => GridEventConnection, {
    description: "The caller's department's queue: events dispatched to it within the jurisdiction (default DISPATCHED and IN_PROGRESS), escalated (督办) first, then by deadline",
  })
  async myEventQueue(
    @Ctx() { em, identity }: GridContext,
    @Arg('statuses', () => [String], { nullable: true, description: 'DISPATCHED | IN_PROGRESS | HANDLED' }) statuses?: string[],
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<GridEventConnection> {
    const wanted = checkedStatuses(statuses) ?? QUEUE_STATUSES;
    const limit = pageSize(first);
    const offset = offsetOf(after);
    const where: FilterQuery<GridEvent> = { assignedDepartment: identity.dept, gridCode: { $like: `${escapeLike(identity.jurisdiction)}%` }, status: { $in: wanted } };
    const [rows, totalCount] = await Promise.all([
      limit === 0 ? Promise.resolve([]) : em.find(GridEvent, where, { orderBy: { escalationCount: QueryOrder.DESC, deadline: QueryOrder.ASC, id: QueryOrder.ASC }, limit: limit + 1, offset }),
      em.count(GridEvent, where),
    ]);
    return offsetPage(rows, totalCount, offset, limit);
  }

  @Query(() => GridEventConnection, {
    description: "督办: open dispatched events past their deadline in the region (default the jurisdiction), most overdue first. The grid center's OFFICER and SUPERVISOR (who escalates)",
  })
  async overdueGridEvents(
    @Ctx() { em, identity }: GridContext,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<GridEventConnection> {
    if (identity.dept !== 'GRID' || (identity.role !== 'SUPERVISOR' && identity.role !== 'OFFICER')) {
      throw new HubError(ErrorCode.FORBIDDEN, `The overdue list (督办) is for the grid center's OFFICER and SUPERVISOR; you are ${identity.dept} / ${identity.role}`);
    }
    const prefix = scopedPrefix(identity.jurisdiction, regionCode);
    const limit = pageSize(first);
    const offset = offsetOf(after);
    const where: FilterQuery<GridEvent> = { gridCode: { $like: `${escapeLike(prefix)}%` }, status: { $in: WORKED_ON }, deadline: { $lt: new Date() } };
    const [rows, totalCount] = await Promise.all([
      limit === 0 ? Promise.resolve([]) : em.find(GridEvent, where, { orderBy: { deadline: QueryOrder.ASC, id: QueryOrder.ASC }, limit: limit + 1, offset }),
      em.count(GridEvent, where),
    ]);
    return offsetPage(rows, totalCount, offset, limit);
  }

  // ── mutations ────────────────────────────────────────────────────────────────────────────────────────────

  @Mutation(() => GridEvent, {
    description:
      '上报: a 网格员 (GRID / GRID_WORKER) reports an event in a grid of their jurisdiction. Refused: an unknown or expired category, a bad grid, dwelling, person key, priority, text or attachment (BAD_USER_INPUT); a grid outside the jurisdiction (OUT_OF_JURISDICTION); another role (FORBIDDEN)',
  })
  async reportGridEvent(@Ctx() { em, identity }: GridContext, @Arg('input', () => ReportGridEventInput) input: ReportGridEventInput): Promise<GridEvent> {
    if (!REPORTER.may(identity, {} as GridEvent)) throw new HubError(ErrorCode.FORBIDDEN, `Reporting is for ${REPORTER.label}; you are ${identity.dept} / ${identity.role}`);
    const gridCode = checkedGridCode(input.gridCode);
    if (!gridCode.startsWith(identity.jurisdiction)) throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Grid ${gridCode} is outside your jurisdiction ${identity.jurisdiction}`);
    const address = checkedText(input.address, 'address', 200, true)!;
    const description = checkedText(input.description, 'description', 2000, true)!;
    const priority = (input.priority ?? 'NORMAL') as GridEventPriority;
    if (!GRID_EVENT_PRIORITIES.includes(priority))
      throw new HubError(ErrorCode.BAD_USER_INPUT, `priority must be one of ${GRID_EVENT_PRIORITIES.join(', ')}; got "${String(input.priority).slice(0, 20)}"`);
    const personIds = [...new Set(input.personIds ?? [])];
    if (personIds.length > MAX_PEOPLE) throw new HubError(ErrorCode.BAD_USER_INPUT, `at most ${MAX_PEOPLE} people per event`);
    for (const personId of personIds) {
      if (!PERSON_ID_PATTERN.test(personId))
        throw new HubError(ErrorCode.BAD_USER_INPUT, `personIds: "${personId.slice(0, 30)}" is not a person key (P + 24 hex digits); name people by key, never by ID number`);
    }
    const attachmentInputs = input.attachments ?? [];
    if (attachmentInputs.length > MAX_ATTACHMENTS) throw new HubError(ErrorCode.BAD_USER_INPUT, `at most ${MAX_ATTACHMENTS} attachments per report`);
    const attachments = attachmentInputs.map((attachment, index) => checkedAttachment(attachment, index));
    const today = todayInChina();
    const [category] = await categoriesValidOn(em, today, [input.category ?? '']);
    if (!category)
      throw new HubError(ErrorCode.BAD_USER_INPUT, `未知的事件类别 (category "${String(input.category).slice(0, 20)}" is not in the event-category table valid on ${today}; see eventCategories)`);
    if (!(await em.findOne(Grid, { code: gridCode }))) throw new HubError(ErrorCode.BAD_USER_INPUT, `No grid ${gridCode}`);
    let dwellingId: string | null = null;
    if (input.dwellingId) {
      checkedDwellingId(input.dwellingId);
      const assignment = await em.findOne(DwellingGrid, { dwellingId: input.dwellingId });
      if (!assignment || assignment.grid.code !== gridCode) throw new HubError(ErrorCode.BAD_USER_INPUT, `Dwelling ${input.dwellingId} is not assigned to grid ${gridCode}`);
      dwellingId = input.dwellingId;
    }
    return em.transactional(async (tx) => {
      const now = new Date();
      const event = Object.assign(new GridEvent(), {
        categoryCode: category.code,
        gridCode,
        address,
        dwellingId,
        description,
        personIds,
        priority,
        status: 'REPORTED',
        reporterSub: identity.sub,
        reporterName: identity.name,
        reportedAt: now,
        acceptedAt: null,
        returnReason: null,
        assignedDepartment: null,
        dispatchedAt: null,
        slaHours: null,
        deadline: null,
        startedAt: null,
        handledAt: null,
        handlingResult: null,
        closedAt: null,
        followedUpAt: null,
        satisfaction: null,
        followUpNote: null,
        escalationCount: 0,
        escalatedAt: null,
        escalationNote: null,
        version: 1,
        updatedAt: now,
      } satisfies Omit<GridEvent, 'id'>);
      tx.persist(event);
      await tx.flush();
      for (const attachment of attachments) {
        tx.persist(Object.assign(new GridEventAttachment(), { ...attachment, eventId: event.id, uploadedBy: identity.sub, uploadedAt: now }));
      }
      tx.persist(stepRow(event, 'REPORT', identity, now, null, null, null));
      await tx.flush();
      await testOnlyPauseInTransaction();
      await appendTransitionAudit(tx, identity, 'REPORT', event);
      return event;
    });
  }

  @Mutation(() => GridEvent, { description: '受理 (REPORTED → ACCEPTED): the grid center (GRID / OFFICER) takes the event on' })
  acceptGridEvent(
    @Ctx() context: GridContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<GridEvent> {
    return transition(context, 'ACCEPT', id, expectedVersion, (event, now) => {
      event.acceptedAt = now;
      return checkedText(note, 'note', 500, false);
    });
  }

  @Mutation(() => GridEvent, { description: '退回 (REPORTED → RETURNED, with the reason): the grid center (GRID / OFFICER) explains why it is not an event to handle' })
  returnGridEvent(
    @Ctx() context: GridContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('reason', () => String) reason: string,
  ): Promise<GridEvent> {
    const checked = checkedText(reason, 'reason', 500, true);
    return transition(context, 'RETURN', id, expectedVersion, (event) => {
      event.returnReason = checked;
      return checked;
    });
  }

  @Mutation(() => GridEvent, {
    description:
      "分拨 (ACCEPTED → DISPATCHED): the grid center (GRID / OFFICER) sends the event to a department (POPULATION | HOUSING | PUBLIC_SECURITY); the deadline follows from the category's SLA hours at the event's priority, in China time",
  })
  dispatchGridEvent(
    @Ctx() context: GridContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('department', () => String) department: string,
    @Arg('note', () => String, { nullable: true, description: 'Instructions for the department' }) note?: string,
  ): Promise<GridEvent> {
    if (!(DISPATCH_DEPARTMENTS as readonly string[]).includes(department)) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, `department must be one of ${DISPATCH_DEPARTMENTS.join(', ')}; got "${String(department).slice(0, 20)}"`);
    }
    const instructions = checkedText(note, 'note', 500, false);
    return transition(context, 'DISPATCH', id, expectedVersion, async (event, now, tx) => {
      const [category] = await categoriesValidOn(tx, todayInChina(now.getTime()), [event.categoryCode]);
      if (!category) throw new HubError(ErrorCode.CONFLICT, `Category ${event.categoryCode} is no longer in the code table: correct the category before dispatching`);
      const hours = slaHoursFor(category, event.priority);
      event.assignedDepartment = department;
      event.dispatchedAt = now;
      event.slaHours = hours;
      event.deadline = deadlineFor(now, hours);
      return instructions;
    });
  }

  @Mutation(() => GridEvent, { description: '处置 starts (DISPATCHED → IN_PROGRESS): the department the event was dispatched to' })
  startGridEvent(@Ctx() context: GridContext, @Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number): Promise<GridEvent> {
    return transition(context, 'START', id, expectedVersion, (event, now) => {
      event.startedAt ??= now;
      return null;
    });
  }

  @Mutation(() => GridEvent, { description: '处置 done (IN_PROGRESS → HANDLED, with what was done): the department the event was dispatched to' })
  handleGridEvent(
    @Ctx() context: GridContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('result', () => String) result: string,
  ): Promise<GridEvent> {
    const checked = checkedText(result, 'result', 2000, true);
    return transition(context, 'HANDLE', id, expectedVersion, (event, now) => {
      event.handledAt = now;
      event.handlingResult = checked;
      return checked;
    });
  }

  @Mutation(() => GridEvent, { description: '结案 (HANDLED → CLOSED): the grid center (GRID / OFFICER) confirms the handling' })
  closeGridEvent(
    @Ctx() context: GridContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<GridEvent> {
    return transition(context, 'CLOSE', id, expectedVersion, (event, now) => {
      event.closedAt = now;
      return checkedText(note, 'note', 500, false);
    });
  }

  @Mutation(() => GridEvent, { description: '不予结案 (HANDLED → IN_PROGRESS, with the reason): the grid center (GRID / OFFICER) sends the handling back to the department' })
  rejectGridEventHandling(
    @Ctx() context: GridContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('reason', () => String) reason: string,
  ): Promise<GridEvent> {
    const checked = checkedText(reason, 'reason', 500, true);
    return transition(context, 'REJECT_HANDLING', id, expectedVersion, (event) => {
      event.handledAt = null;
      return checked;
    });
  }

  @Mutation(() => GridEvent, {
    description: "督办 (DISPATCHED or IN_PROGRESS, status kept): a SUPERVISOR of the grid center raises the priority one level and marks it in the department's queue",
  })
  escalateGridEvent(
    @Ctx() context: GridContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('note', () => String, { nullable: true, description: 'The instruction to the department' }) note?: string,
  ): Promise<GridEvent> {
    const checked = checkedText(note, 'note', 500, false);
    return transition(context, 'ESCALATE', id, expectedVersion, (event, now) => {
      event.priority = GRID_EVENT_PRIORITIES[Math.min(GRID_EVENT_PRIORITIES.indexOf(event.priority) + 1, GRID_EVENT_PRIORITIES.length - 1)];
      event.escalationCount += 1;
      event.escalatedAt = now;
      event.escalationNote = checked;
      return checked;
    });
  }

  @Mutation(() => GridEvent, { description: '回访 (CLOSED → FOLLOWED_UP, 满意度 1–5): the reporter or a grid center OFFICER' })
  followUpGridEvent(
    @Ctx() context: GridContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('satisfaction', () => Int, { description: '1 (very dissatisfied) to 5 (very satisfied)' }) satisfaction: number,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<GridEvent> {
    if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) throw new HubError(ErrorCode.BAD_USER_INPUT, `satisfaction must be 1 to 5; got ${satisfaction}`);
    const checked = checkedText(note, 'note', 500, false);
    return transition(context, 'FOLLOW_UP', id, expectedVersion, (event, now) => {
      event.followedUpAt = now;
      event.satisfaction = satisfaction;
      event.followUpNote = checked;
      return checked;
    });
  }

  // ── fields ───────────────────────────────────────────────────────────────────────────────────────────────

  @FieldResolver(() => String, { description: 'Event category code (eventCategories)' })
  category(@Root() event: GridEvent): string {
    return event.categoryCode;
  }

  @FieldResolver(() => String, { nullable: true, description: "The category's name in the code table" })
  async categoryName(@Root() event: GridEvent, @Ctx() { loaders }: GridContext): Promise<string | null> {
    return (await loaders.categoryByCode.load(event.categoryCode))?.name ?? null;
  }

  @FieldResolver(() => Grid, { nullable: true })
  grid(@Root() event: GridEvent, @Ctx() { loaders }: GridContext): Promise<Grid | null> {
    return loaders.gridByCode.load(event.gridCode);
  }

  @FieldResolver(() => Dwelling, { nullable: true, description: 'The dwelling, when the report named one (housing owns its record)' })
  dwelling(@Root() event: GridEvent): Dwelling | null {
    return event.dwellingId ? { id: event.dwellingId } : null;
  }

  @FieldResolver(() => [Person], { nullable: true, description: "People involved, by key; their fields follow population's Person policy" })
  people(@Root() event: GridEvent): Person[] {
    return event.personIds.map((id) => ({ id }));
  }

  @FieldResolver(() => String, { nullable: true, description: "The reporter's token subject (考核 per worker)" })
  reporterId(@Root() event: GridEvent): string {
    return event.reporterSub;
  }

  @FieldResolver(() => String, { nullable: true, description: 'ISO 8601 with +08:00' })
  reportedAt(@Root() event: GridEvent): string | null {
    return chinaIso(event.reportedAt);
  }

  @FieldResolver(() => String, { nullable: true, description: 'When it was dispatched, ISO 8601 with +08:00' })
  dispatchedAt(@Root() event: GridEvent): string | null {
    return chinaIso(event.dispatchedAt);
  }

  @FieldResolver(() => String, { nullable: true, description: 'ISO 8601 with +08:00: dispatch + SLA hours; whole days end at midnight, China time' })
  deadline(@Root() event: GridEvent): string | null {
    return chinaIso(event.deadline);
  }

  @FieldResolver(() => String, { nullable: true, description: 'When the department reported it handled, ISO 8601 with +08:00' })
  handledAt(@Root() event: GridEvent): string | null {
    return chinaIso(event.handledAt);
  }

  @FieldResolver(() => String, { nullable: true, description: '结案, ISO 8601 with +08:00' })
  closedAt(@Root() event: GridEvent): string | null {
    return chinaIso(event.closedAt);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The latest 督办, ISO 8601 with +08:00' })
  escalatedAt(@Root() event: GridEvent): string | null {
    return chinaIso(event.escalatedAt);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Escalated (督办) at least once: the queue shows it first' })
  escalated(@Root() event: GridEvent): boolean {
    return event.escalationCount > 0;
  }

  @FieldResolver(() => String, { nullable: true, description: 'GREEN | YELLOW (past 80 % of its time) | RED (overdue) while the department works on it; null before dispatch and once closed' })
  slaLight(@Root() event: GridEvent): SlaLight | null {
    return slaLight(event);
  }

  @FieldResolver(() => [GridEventAttachment], { nullable: true })
  attachments(@Root() event: GridEvent, @Ctx() { loaders }: GridContext): Promise<GridEventAttachment[]> {
    return loaders.attachmentsByEvent.load(String(event.id));
  }

  @FieldResolver(() => [GridEventStep], { description: 'Every step from the report on, oldest first (append-only)' })
  async history(@Root() event: GridEvent, @Ctx() { loaders }: GridContext): Promise<GridEventStep[]> {
    const rows = await loaders.stepsByEvent.load(String(event.id));
    return rows.map((row) => ({
      id: String(row.id),
      action: row.action,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      actorId: row.actorSub,
      actorName: row.actorName,
      actorDepartment: row.actorDepartment,
      actorRole: row.actorRole,
      at: chinaIso(row.at)!,
      note: row.note,
      before: row.beforeState ? JSON.stringify(row.beforeState) : null,
      after: JSON.stringify(row.afterState),
    }));
  }
}

/** The WHERE of gridEvents: jurisdiction always; a department only its own dispatched events. */
function eventFilter(identity: RequestIdentity, filter: GridEventFilter | undefined): FilterQuery<GridEvent> {
  const prefix = scopedPrefix(identity.jurisdiction, filter?.regionCode);
  const where: FilterQuery<GridEvent> & Record<string, unknown> = { gridCode: { $like: `${escapeLike(prefix)}%` } };
  if (identity.dept !== 'GRID') where.assignedDepartment = identity.dept;
  else if (filter?.assignedDepartment) {
    if (!(DISPATCH_DEPARTMENTS as readonly string[]).includes(filter.assignedDepartment)) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, `assignedDepartment must be one of ${DISPATCH_DEPARTMENTS.join(', ')}; got "${filter.assignedDepartment.slice(0, 20)}"`);
    }
    where.assignedDepartment = filter.assignedDepartment;
  }
  const statuses = checkedStatuses(filter?.statuses);
  if (statuses) where.status = { $in: statuses };
  if (filter?.category) {
    if (!/^\d{4}$/.test(filter.category)) throw new HubError(ErrorCode.BAD_USER_INPUT, `category must be a 4-digit category code; got "${filter.category.slice(0, 20)}"`);
    where.categoryCode = filter.category.endsWith('00') ? { $like: `${filter.category.slice(0, 2)}%` } : filter.category;
  }
  if (filter?.overdue) Object.assign(where, { status: { $in: statuses ? statuses.filter((s) => WORKED_ON.includes(s)) : WORKED_ON }, deadline: { $lt: new Date() } });
  if (filter?.reportedByMe) where.reporterSub = identity.sub;
  return where;
}
