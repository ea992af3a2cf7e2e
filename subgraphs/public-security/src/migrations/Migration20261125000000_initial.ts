import { Migration } from '@mikro-orm/migrations';

/** 公安: floating-population registrations (GB/T 31000), vehicles, key persons. */
export class Migration20261125000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table floating_registration (
        id varchar(20) primary key,
        person_id varchar(25) not null,
        dwelling_id varchar(16),
        grid_code varchar(15),
        hukou_region_code varchar(12) not null,
        inflow_reason char(2) not null,
        residence_type char(2) not null,
        permit_type char(2) not null,
        permit_number varchar(32),
        registered_on date not null,
        permit_expires_on date,
        last_endorsed_on date,
        status varchar(10) not null default 'ACTIVE' check (status in ('ACTIVE','CANCELLED'))
      );`);
    this.addSql('create index floating_registration_person_idx on floating_registration (person_id);');
    this.addSql('create index floating_registration_grid_idx on floating_registration (grid_code text_pattern_ops, id);');
    this.addSql('create index floating_registration_expiry_idx on floating_registration (permit_expires_on);');
    this.addSql('create index floating_registration_registered_idx on floating_registration (registered_on);');
    this.addSql('create index floating_registration_dwelling_idx on floating_registration (dwelling_id);');
    this.addSql(`
      create table vehicle (
        id varchar(20) primary key,
        plate_number varchar(10) not null unique,
        plate_type char(2) not null,
        vehicle_type varchar(4) not null,
        owner_person_id varchar(25) not null,
        exempt boolean not null default false,
        exempt_reason varchar(32),
        registered_on date not null
      );`);
    this.addSql('create index vehicle_owner_idx on vehicle (owner_person_id);');
    this.addSql(`
      create table key_person (
        id varchar(20) primary key,
        person_id varchar(25) not null,
        category varchar(32) not null,
        attention_level char(2) not null check (attention_level in ('01','02','03')),
        registered_on date not null,
        grid_code varchar(15),
        active boolean not null default true
      );`);
    this.addSql('create index key_person_person_idx on key_person (person_id);');
  }

  override async down(): Promise<void> {
    for (const table of ['key_person', 'vehicle', 'floating_registration']) this.addSql(`drop table if exists ${table};`);
  }
}
