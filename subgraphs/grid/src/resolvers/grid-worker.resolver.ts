import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, HubError } from '@hub/access';
import { auditedWrite, checkedVersion } from '@hub/audit';
import { GRID_CODE_PATTERN } from '@hub/domain';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Grid } from '../entities/grid.entity';
import { GRID_WORKER_ROLES, GridWorker } from '../entities/grid-worker.entity';
import { GRID_WORKER_WRITE_CLASS } from '../policy';
import type { GridContext } from './context';

@InputType({ description: '网格员调整: a worker serves another grid, or another role, from now on' })
export class AssignGridWorkerInput {
  @Field(() => ID)
  workerId: string;

  @Field(() => Int, { description: "The worker's version as you saw it" })
  expectedVersion: number;

  @Field(() => String, { description: 'The grid (15 digits) the worker serves from now on, within your jurisdiction' })
  gridCode: string;

  @Field(() => String, {
    description: `${Object.entries(GRID_WORKER_ROLES)
      .map(([code, label]) => `${code} ${label}`)
      .join(' | ')}`,
  })
  role: string;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

const snapshot = (worker: GridWorker) => ({ gridCode: worker.gridCode, role: worker.role, version: worker.version });

/** The grid center assigns its own workers to grids (issue #14): its supervisors, within their jurisdiction, at the version seen. */
@Resolver(() => GridWorker)
export class GridWorkerResolver {
  @Mutation(() => GridWorker, {
    description:
      '网格员调整: assigns a grid worker to a grid and role. For the grid center’s SUPERVISOR. Refused: an unknown worker, grid or role, no change ' +
      '(BAD_USER_INPUT); a stale version (CONFLICT); a worker or grid outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async assignGridWorker(@Ctx() { em, identity, audit }: GridContext, @Arg('input', () => AssignGridWorkerInput) input: AssignGridWorkerInput): Promise<GridWorker> {
    if (!GRID_CODE_PATTERN.test(input.gridCode)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'gridCode must be a 15-digit grid code');
    if (!Object.hasOwn(GRID_WORKER_ROLES, input.role)) throw new HubError(ErrorCode.BAD_USER_INPUT, `role must be one of ${Object.keys(GRID_WORKER_ROLES).join(', ')}`);
    return auditedWrite<EntityManager, GridWorker>(
      em,
      identity,
      { operation: 'assignGridWorker', clientRequestId: input.clientRequestId, input, fieldClass: GRID_WORKER_WRITE_CLASS },
      async (tx) => {
        const worker = await tx.findOne(GridWorker, { id: input.workerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!worker) throw new HubError(ErrorCode.BAD_USER_INPUT, `No grid worker ${String(input.workerId).slice(0, 20)}`);
        if (!worker.gridCode.startsWith(identity.jurisdiction) || !input.gridCode.startsWith(identity.jurisdiction)) {
          audit.note(null, GRID_WORKER_WRITE_CLASS, 'OUT_OF_JURISDICTION');
          throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `The worker's grid ${worker.gridCode} and the new grid ${input.gridCode} must both be within your jurisdiction ${identity.jurisdiction}`);
        }
        checkedVersion('grid worker', worker.id, worker.version, input.expectedVersion);
        if (!(await tx.count(Grid, { code: input.gridCode }))) throw new HubError(ErrorCode.BAD_USER_INPUT, `No grid ${input.gridCode}`);
        if (worker.gridCode === input.gridCode && worker.role === input.role) throw new HubError(ErrorCode.BAD_USER_INPUT, `${worker.name} already serves grid ${input.gridCode} as ${input.role}`);
        const before = snapshot(worker);
        Object.assign(worker, { gridCode: input.gridCode, role: input.role, version: worker.version + 1 });
        await tx.flush();
        return { result: worker, resultId: worker.id, subjects: [], changes: [{ recordType: 'grid_worker', recordId: worker.id, before, after: snapshot(worker) }] };
      },
      (tx, id) => tx.findOneOrFail(GridWorker, { id }),
    );
  }
}
