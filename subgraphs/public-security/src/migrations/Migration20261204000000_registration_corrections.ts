import { Migration } from '@mikro-orm/migrations';

/** 纠错回流: the corrections public security makes to its own floating registrations, before and after, append-only. */
export class Migration20261204000000_registration_corrections extends Migration {
  override async up(): Promise<void> {
    // No foreign key to the record: the seed and the tests truncate and reload the department's tables, and a
    // correction's history outlives that.
    this.addSql(`
      create table registration_correction (
        id bigserial primary key,
        registration_id varchar(20) not null,
        correction_request_id varchar(24),
        before jsonb not null,
        after jsonb not null,
        reason text,
        corrected_by varchar(64) not null,
        corrected_at timestamptz not null
      );`);
    this.addSql('create index registration_correction_registration_idx on registration_correction (registration_id, id);');
    this.addSql(`
      create function registration_correction_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'registration_correction is append-only';
      end $$;`);
    this.addSql(`
      create trigger registration_correction_append_only before update or delete on registration_correction
        for each row execute function registration_correction_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists registration_correction;');
    this.addSql('drop function if exists registration_correction_append_only();');
  }
}
