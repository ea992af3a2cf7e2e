import { Migration } from '@mikro-orm/migrations';

/** 纠错回流: the corrections housing makes to its own tenancies, before and after, append-only. */
export class Migration20261204000000_tenancy_corrections extends Migration {
  override async up(): Promise<void> {
    // No foreign key to the record: the seed and the tests truncate and reload the department's tables, and a
    // correction's history outlives that.
    this.addSql(`
      create table tenancy_correction (
        id bigserial primary key,
        tenancy_id bigint not null,
        correction_request_id varchar(24),
        before jsonb not null,
        after jsonb not null,
        reason text,
        corrected_by varchar(64) not null,
        corrected_at timestamptz not null
      );`);
    this.addSql('create index tenancy_correction_tenancy_idx on tenancy_correction (tenancy_id, id);');
    this.addSql(`
      create function tenancy_correction_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'tenancy_correction is append-only';
      end $$;`);
    this.addSql(`
      create trigger tenancy_correction_append_only before update or delete on tenancy_correction
        for each row execute function tenancy_correction_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists tenancy_correction;');
    this.addSql('drop function if exists tenancy_correction_append_only();');
  }
}
