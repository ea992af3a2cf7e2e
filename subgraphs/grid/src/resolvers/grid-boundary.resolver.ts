import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, HubError, MAX_GRID_ASSIGNMENT_DWELLINGS, checkedDwellingIds } from '@hub/access';
import { auditedWrite, type RecordChange } from '@hub/audit';
import { GRID_CODE_PATTERN, todayInChina } from '@hub/domain';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { DwellingGrid } from '../entities/dwelling-grid.entity';
import { Grid } from '../entities/grid.entity';
import { Dwelling } from '../entities/stubs';
import { GRID_BOUNDARY_WRITE_CLASS } from '../policy';
import type { GridContext } from './context';
import { GRID_COPY_HOLDERS, applyAtDepartment, peersDeadline } from './grid-assignment.client';

@InputType({ description: '网格划分调整: dwellings that belong to a grid from now on' })
export class AssignDwellingsToGridInput {
  @Field(() => [ID], { description: `The dwellings (1 to ${MAX_GRID_ASSIGNMENT_DWELLINGS}, each once): assigned to another grid, or registered and not placed yet` })
  dwellingIds: string[];

  @Field(() => String, { description: 'The grid (15 digits) they belong to from now on, within your jurisdiction and of their community' })
  gridCode: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

@ObjectType({ description: 'A boundary change as done: the grid, its new dwellings, and how many were placed, moved or already there' })
export class DwellingGridAssignment {
  @Field(() => String)
  gridCode: string;

  @Field(() => [Dwelling])
  dwellings: Dwelling[];

  @Field(() => Int, { description: 'Dwellings placed in a grid for the first time (registered by housing, no grid yet)' })
  placed: number;

  @Field(() => Int, { description: 'Dwellings moved from another grid' })
  moved: number;

  @Field(() => Int, { description: 'Dwellings that were in the grid already (their copies were brought in line all the same)' })
  unchanged: number;
}

const assignment = (row: { grid: { code: string }; assignedOn: string }) => ({ gridCode: row.grid.code, assignedOn: row.assignedOn });

/**
 * 网格划分调整 (issue #14): the grid center's supervisor moves dwellings into a grid of their jurisdiction, or places a
 * dwelling housing registered, always within the dwelling's community (housing, which knows it by the address, refuses
 * another: moving a dwelling across communities is a 行政区划调整). The grid's own `dwelling_grid` is written first;
 * then, inside the same transaction and before it commits, housing's, population's and public security's copies follow
 * (each department writes its own records, at `/internal/grid-assignment`, with the gateway's onward token for this
 * field). If a department refuses or does not answer, the grid's write is rolled back and the client retries with the
 * same clientRequestId (ADR 0020).
 */
@Resolver(() => DwellingGridAssignment)
export class GridBoundaryResolver {
  @Mutation(() => DwellingGridAssignment, {
    description:
      '网格划分调整: assigns dwellings to a grid (moving them from their grid, or placing newly registered ones), and housing’s, population’s and ' +
      'public security’s copies follow before it is done. For the grid center’s SUPERVISOR. Refused: an unknown grid or dwelling (housing names it), nothing to change, ' +
      'a dwelling of another community than the grid’s (BAD_USER_INPUT, housing names it); a dwelling’s grid or the new grid outside your ' +
      'jurisdiction (OUT_OF_JURISDICTION); a department that cannot apply it now ' +
      '(SUBGRAPH_UNAVAILABLE, with the department: nothing changed, retry with the same clientRequestId).',
  })
  async assignDwellingsToGrid(@Ctx() context: GridContext, @Arg('input', () => AssignDwellingsToGridInput) input: AssignDwellingsToGridInput): Promise<DwellingGridAssignment> {
    const { em, identity, audit } = context;
    const dwellingIds = checkedDwellingIds(input.dwellingIds);
    if (!GRID_CODE_PATTERN.test(input.gridCode)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'gridCode must be a 15-digit grid code');
    if (!input.gridCode.startsWith(identity.jurisdiction)) {
      audit.note(null, GRID_BOUNDARY_WRITE_CLASS, 'OUT_OF_JURISDICTION');
      throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Grid ${input.gridCode} is outside your jurisdiction ${identity.jurisdiction}`);
    }
    const request = { dwellingIds, gridCode: input.gridCode, clientRequestId: input.clientRequestId };
    try {
      return await auditedWrite<EntityManager, DwellingGridAssignment>(
        em,
        identity,
        { operation: 'assignDwellingsToGrid', clientRequestId: input.clientRequestId, input: { dwellingIds, gridCode: input.gridCode }, fieldClass: GRID_BOUNDARY_WRITE_CLASS },
        async (tx) => {
          const grid = await tx.findOne(Grid, { code: input.gridCode });
          if (!grid) throw new HubError(ErrorCode.BAD_USER_INPUT, `No grid ${input.gridCode}`);
          const rows = await tx.find(DwellingGrid, { dwellingId: { $in: dwellingIds } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { dwellingId: 'asc' } });
          const outside = rows.find((row) => !row.grid.code.startsWith(identity.jurisdiction));
          if (outside) {
            audit.note(null, GRID_BOUNDARY_WRITE_CLASS, 'OUT_OF_JURISDICTION');
            throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Dwelling ${outside.dwellingId} is in grid ${outside.grid.code}, outside your jurisdiction ${identity.jurisdiction}`);
          }
          const today = todayInChina();
          const byId = new Map(rows.map((row) => [row.dwellingId, row]));
          const changes: RecordChange[] = [];
          for (const dwellingId of dwellingIds) {
            const row = byId.get(dwellingId);
            if (row?.grid.code === input.gridCode) continue;
            const before = row ? assignment(row) : null;
            if (row) Object.assign(row, { grid, assignedOn: today });
            else tx.create(DwellingGrid, { dwellingId, grid, assignedOn: today });
            changes.push({ recordType: 'dwelling_grid', recordId: dwellingId, before, after: { gridCode: input.gridCode, assignedOn: today } });
          }
          if (changes.length === 0) throw new HubError(ErrorCode.BAD_USER_INPUT, `Every dwelling named is in grid ${input.gridCode} already: nothing to change`);
          await tx.flush();
          // The copies follow before the grid's own write commits: housing first (it knows which dwellings exist), then
          // population, then public security.
          const deadline = peersDeadline();
          for (const holder of GRID_COPY_HOLDERS) await applyAtDepartment(context, holder, request, deadline);
          const placed = changes.filter((change) => change.before === null).length;
          const result = { gridCode: input.gridCode, dwellings: dwellingIds.map((id) => ({ id })), placed, moved: changes.length - placed, unchanged: dwellingIds.length - changes.length };
          return { result, resultId: input.gridCode, subjects: [], changes };
        },
        async (tx) => {
          // A retry: the first write's answer, from its history rows.
          const done = await tx.execute<Array<{ placed: string; moved: string }>>(
            `select count(*) filter (where before is null) as placed, count(*) filter (where before is not null) as moved
               from record_change where operation = 'assignDwellingsToGrid' and changed_by = ? and client_request_id = ?`,
            [identity.sub, input.clientRequestId],
          );
          const placed = Number(done[0]?.placed ?? 0);
          const moved = Number(done[0]?.moved ?? 0);
          return { gridCode: input.gridCode, dwellings: dwellingIds.map((id) => ({ id })), placed, moved, unchanged: dwellingIds.length - placed - moved };
        },
      );
    } catch (error) {
      // Two supervisors placing the same new dwelling at once: one is in, the other sees it on the next try.
      if (error instanceof UniqueConstraintViolationException) {
        throw new HubError(ErrorCode.CONFLICT, 'Another change placed one of these dwellings at the same moment: reload the grid and decide again');
      }
      throw error;
    }
  }

  @FieldResolver(() => Grid, { nullable: true, description: 'The grid the dwellings belong to now' })
  grid(@Root() done: DwellingGridAssignment, @Ctx() { loaders }: GridContext): Promise<Grid | null> {
    return loaders.gridByCode.load(done.gridCode);
  }
}
