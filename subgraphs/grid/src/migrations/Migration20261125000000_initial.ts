import { Migration } from '@mikro-orm/migrations';

/** 网格中心: the region tree, grids, grid workers and the authoritative dwelling → grid assignment. */
export class Migration20261125000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table region (
        code varchar(12) primary key,
        name varchar(64) not null,
        level varchar(10) not null check (level in ('DISTRICT','STREET','COMMUNITY')),
        parent_code varchar(12) references region(code)
      );`);
    this.addSql(`
      create table grid (
        code varchar(15) primary key,
        name varchar(64) not null,
        region_code varchar(12) not null references region(code)
      );`);
    this.addSql('create index grid_region_idx on grid (region_code);');
    this.addSql(`
      create table grid_worker (
        id varchar(20) primary key,
        grid_code varchar(15) not null references grid(code),
        name varchar(64) not null,
        phone varchar(20),
        role varchar(16) not null check (role in ('GRID_LEADER','GRID_WORKER'))
      );`);
    this.addSql('create index grid_worker_grid_idx on grid_worker (grid_code);');
    this.addSql(`
      create table dwelling_grid (
        dwelling_id varchar(16) primary key,
        grid_code varchar(15) not null references grid(code),
        assigned_on date not null
      );`);
    this.addSql('create index dwelling_grid_grid_idx on dwelling_grid (grid_code, dwelling_id);');
  }

  override async down(): Promise<void> {
    for (const table of ['dwelling_grid', 'grid_worker', 'grid', 'region']) this.addSql(`drop table if exists ${table};`);
  }
}
