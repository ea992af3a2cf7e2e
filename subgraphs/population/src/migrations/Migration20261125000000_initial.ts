import { Migration } from '@mikro-orm/migrations';

/** 人口: households (户) and persons with their registration and actual residence. */
export class Migration20261125000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table household (
        id varchar(16) primary key,
        household_number char(9) not null unique,
        hukou_region_code varchar(12) not null,
        dwelling_id varchar(16),
        grid_code varchar(15),
        registered_on date not null
      );`);
    this.addSql(`
      create table person (
        id varchar(25) primary key,
        id_number char(18) not null unique,
        name varchar(64) not null,
        gender char(1) not null check (gender in ('0','1','2','9')),
        birth_date date not null,
        ethnicity char(2) not null,
        phone varchar(20),
        population_type varchar(10) not null check (population_type in ('REGISTERED','FLOATING','FOREIGN')),
        hukou_region_code varchar(12) not null,
        death_date date,
        household_id varchar(16) references household(id),
        relation_to_head char(2),
        lives_with_household boolean not null default true,
        residence_dwelling_id varchar(16),
        residence_grid_code varchar(15),
        residence_since date
      );`);
    this.addSql('create index person_household_idx on person (household_id);');
    this.addSql('create index person_residence_grid_idx on person (residence_grid_code text_pattern_ops, id);');
    this.addSql('create index person_residence_dwelling_idx on person (residence_dwelling_id);');
    this.addSql('create index person_name_idx on person (name);');
    this.addSql('create index household_grid_idx on household (grid_code text_pattern_ops, id);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists person;');
    this.addSql('drop table if exists household;');
  }
}
