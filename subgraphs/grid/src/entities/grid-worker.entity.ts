import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';

export const GRID_WORKER_ROLES = { GRID_LEADER: '网格长', GRID_WORKER: '网格员' } as const;
export type GridWorkerRole = keyof typeof GRID_WORKER_ROLES;

@Entity({ tableName: 'grid_worker' })
@ObjectType({ description: '网格员: a person who serves a grid' })
export class GridWorker {
  @PrimaryKey({ type: 'string', length: 20 })
  @Field(() => ID)
  id: string;

  @Property({ type: 'string', columnType: 'char(15)' })
  gridCode: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { nullable: true })
  name: string;

  @Property({ type: 'string', length: 20, nullable: true })
  @Field(() => String, { nullable: true, description: '联系方式' })
  phone: string | null;

  @Property({ type: 'string', length: 16 })
  @Field(() => String, { nullable: true, description: 'GRID_LEADER 网格长 | GRID_WORKER 网格员' })
  role: GridWorkerRole;

  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { nullable: true, description: "The worker's version: a reassignment sends the version it saw (expectedVersion)" })
  version: number = 1;
}
