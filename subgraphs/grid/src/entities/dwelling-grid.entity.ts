import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Grid } from './grid.entity';

/** The authoritative assignment of a dwelling (owned by housing) to a grid. */
@Entity({ tableName: 'dwelling_grid' })
export class DwellingGrid {
  @PrimaryKey({ type: 'string', length: 16 })
  dwellingId: string;

  @ManyToOne(() => Grid, { fieldName: 'grid_code' })
  grid: Grid;

  @Property({ type: 'date' })
  assignedOn: string;
}
