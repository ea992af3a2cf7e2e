import { Migration } from '@mikro-orm/migrations';

/**
 * The append-only, hash-chained access log every subgraph keeps in its own database. `audit_append` writes
 * all events of one request in one statement under an advisory lock, chaining each row's hash to the last.
 */
export class Migration20261125100000_access_log extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table access_log (
        id bigint generated always as identity primary key,
        at timestamptz not null,
        request_id varchar(64) not null,
        user_sub varchar(128) not null,
        department varchar(16) not null,
        role varchar(16) not null,
        purpose varchar(40) not null,
        case_id varchar(64),
        subject_person_id varchar(25),
        field_classes text[] not null,
        outcome varchar(24) not null,
        prev_hash char(64) not null,
        hash char(64) not null unique
      );`);
    this.addSql('create index access_log_subject_idx on access_log (subject_person_id, id desc);');
    this.addSql(`
      create function access_log_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'access_log is append-only';
      end $$;`);
    this.addSql('create trigger access_log_append_only before update or delete on access_log for each row execute function access_log_refuse_change();');
    this.addSql('create trigger access_log_no_truncate before truncate on access_log for each statement execute function access_log_refuse_change();');
    this.addSql(`
      create function audit_append(events jsonb) returns void language plpgsql as $$
      declare
        previous text;
        event jsonb;
        row_at timestamptz := date_trunc('milliseconds', clock_timestamp());
        classes text[];
        canonical text;
        next_hash text;
      begin
        perform pg_advisory_xact_lock(720112);
        select hash into previous from access_log order by id desc limit 1;
        previous := coalesce(previous, repeat('0', 64));
        for event in select value from jsonb_array_elements(events) loop
          classes := array(select jsonb_array_elements_text(event->'fieldClasses') order by 1);
          canonical := concat_ws(chr(31), previous, to_char(row_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            event->>'requestId', event->>'userSub', event->>'department', event->>'role', event->>'purpose',
            coalesce(event->>'caseId', ''), coalesce(event->>'subject', ''), array_to_string(classes, ','), event->>'outcome');
          next_hash := encode(sha256(convert_to(canonical, 'UTF8')), 'hex');
          insert into access_log (at, request_id, user_sub, department, role, purpose, case_id, subject_person_id, field_classes, outcome, prev_hash, hash)
          values (row_at, event->>'requestId', event->>'userSub', event->>'department', event->>'role', event->>'purpose',
                  event->>'caseId', event->>'subject', classes, event->>'outcome', previous, next_hash);
          previous := next_hash;
        end loop;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists audit_append(jsonb);');
    this.addSql('drop table if exists access_log;');
    this.addSql('drop function if exists access_log_refuse_change();');
  }
}

export const accessLogMigration = { name: 'Migration20261125100000_access_log', class: Migration20261125100000_access_log };
