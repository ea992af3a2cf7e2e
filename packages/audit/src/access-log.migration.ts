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

/**
 * The same chain, written with one INSERT: the hashes are still computed row by row under the lock (each needs
 * the previous), but the rows go in as one set. Row-by-row INSERTs cost ~0.1 ms each, which made a batch
 * review's log write (hundreds of subjects per request) the largest part of a subgraph call.
 */
export class Migration20261126200000_audit_append_in_one_insert extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function audit_append(events jsonb) returns void language plpgsql as $$
      declare
        previous text;
        event jsonb;
        row_at timestamptz := date_trunc('milliseconds', clock_timestamp());
        at_text text;
        classes text[];
        next_hash text;
        prev_hashes text[] := '{}';
        hashes text[] := '{}';
        class_lists text[] := '{}';
      begin
        at_text := to_char(row_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
        perform pg_advisory_xact_lock(720112);
        select hash into previous from access_log order by id desc limit 1;
        previous := coalesce(previous, repeat('0', 64));
        for event in select value from jsonb_array_elements(events) loop
          classes := array(select jsonb_array_elements_text(event->'fieldClasses') order by 1);
          next_hash := encode(sha256(convert_to(concat_ws(chr(31), previous, at_text,
            event->>'requestId', event->>'userSub', event->>'department', event->>'role', event->>'purpose',
            coalesce(event->>'caseId', ''), coalesce(event->>'subject', ''), array_to_string(classes, ','), event->>'outcome'), 'UTF8')), 'hex');
          prev_hashes := prev_hashes || previous;
          hashes := hashes || next_hash;
          class_lists := class_lists || array_to_string(classes, chr(31));
          previous := next_hash;
        end loop;
        insert into access_log (at, request_id, user_sub, department, role, purpose, case_id, subject_person_id, field_classes, outcome, prev_hash, hash)
        select row_at, e.value->>'requestId', e.value->>'userSub', e.value->>'department', e.value->>'role', e.value->>'purpose',
               e.value->>'caseId', e.value->>'subject', string_to_array(class_lists[e.ordinality], chr(31)), e.value->>'outcome',
               prev_hashes[e.ordinality], hashes[e.ordinality]
        from jsonb_array_elements(events) with ordinality as e
        order by e.ordinality;
      end $$;`);
  }

  override async down(): Promise<void> {
    // The earlier row-by-row function is recreated by re-running Migration20261125100000_access_log's up.
  }
}

/**
 * The unique index on `hash` is dropped: nothing looks rows up by hash, and integrity comes from the chain itself
 * (each row's hash covers the previous one; `audit:verify` walks it), not from uniqueness. Keeping a unique
 * B-tree over random 64-character keys made every appended row cost about 30 % more (≈ 57–76 → 39–46 ms for 750
 * rows), and a batch review appends thousands of rows per chunk.
 */
export class Migration20261126210000_access_log_without_hash_index extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table access_log drop constraint if exists access_log_hash_key;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table access_log add constraint access_log_hash_key unique (hash);');
  }
}

/**
 * Who looked is recorded by name as well as by id (an auditor reads "王芳", not "dev-grid-120112"). The name is
 * covered by the row's hash when present — appended after the outcome — so rows written before it hash as they did.
 */
export class Migration20261203100000_access_log_user_name extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table access_log add column if not exists user_name text;');
    this.addSql(`
      create or replace function audit_append(events jsonb) returns void language plpgsql as $$
      declare
        previous text;
        event jsonb;
        row_at timestamptz := date_trunc('milliseconds', clock_timestamp());
        at_text text;
        classes text[];
        next_hash text;
        prev_hashes text[] := '{}';
        hashes text[] := '{}';
        class_lists text[] := '{}';
      begin
        at_text := to_char(row_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
        perform pg_advisory_xact_lock(720112);
        select hash into previous from access_log order by id desc limit 1;
        previous := coalesce(previous, repeat('0', 64));
        for event in select value from jsonb_array_elements(events) loop
          classes := array(select jsonb_array_elements_text(event->'fieldClasses') order by 1);
          -- concat_ws skips a NULL: a row without a name hashes exactly as before names were recorded.
          next_hash := encode(sha256(convert_to(concat_ws(chr(31), previous, at_text,
            event->>'requestId', event->>'userSub', event->>'department', event->>'role', event->>'purpose',
            coalesce(event->>'caseId', ''), coalesce(event->>'subject', ''), array_to_string(classes, ','), event->>'outcome',
            nullif(event->>'userName', '')), 'UTF8')), 'hex');
          prev_hashes := prev_hashes || previous;
          hashes := hashes || next_hash;
          class_lists := class_lists || array_to_string(classes, chr(31));
          previous := next_hash;
        end loop;
        insert into access_log (at, request_id, user_sub, user_name, department, role, purpose, case_id, subject_person_id, field_classes, outcome, prev_hash, hash)
        select row_at, e.value->>'requestId', e.value->>'userSub', nullif(e.value->>'userName', ''), e.value->>'department', e.value->>'role', e.value->>'purpose',
               e.value->>'caseId', e.value->>'subject', string_to_array(class_lists[e.ordinality], chr(31)), e.value->>'outcome',
               prev_hashes[e.ordinality], hashes[e.ordinality]
        from jsonb_array_elements(events) with ordinality as e
        order by e.ordinality;
      end $$;`);
  }

  override async down(): Promise<void> {
    // Re-run Migration20261126200000_audit_append_in_one_insert's up for the function without names; the column stays (append-only).
  }
}

/**
 * The audit goes into the data's own statement (docs/adr/0014): `audit_chain` is the chaining that `audit_append`
 * did — lock, last hash, one hash per event — returned as rows, so that a data read can INSERT its own access events
 * in a data-modifying CTE (`with data as (...), logged as (insert into access_log select * from audit_chain(...))`).
 * `audit_append` keeps its signature and now inserts what `audit_chain` returns: one chaining, two callers.
 * `audit_read_events` turns one read's rows into events: per subject read (in scope) one event per outcome of the
 * field classes the request selects, per subject withheld (out of jurisdiction) one OUT_OF_JURISDICTION event, and
 * the subject-less events once when anything in scope was read. Nothing to write takes no lock.
 * The chaining itself got cheaper: each row's canonical form but the previous hash (sorted classes and all) is built
 * set-based before the lock is taken, and under the lock only the hashes are computed, one per row (≈ 2× faster for
 * a batch review's 2,750 rows, side by side: ≈ 70 vs ≈ 140 ms) — the lock is held for less of each append.
 */
export class Migration20261204100000_audit_in_the_data_statement extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function audit_chain(events jsonb)
      returns table (at timestamptz, request_id varchar, user_sub varchar, user_name text, department varchar, role varchar, purpose varchar,
                     case_id varchar, subject_person_id varchar, field_classes text[], outcome varchar, prev_hash char(64), hash char(64))
      language plpgsql as $$
      declare
        previous text;
        row_at timestamptz := date_trunc('milliseconds', clock_timestamp());
        at_text text;
        rests text[];
        hashes text[];
        rest text;
        first_previous text;
      begin
        if events is null or jsonb_array_length(events) = 0 then
          return;
        end if;
        at_text := to_char(row_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
        -- Everything of each row's canonical form but the previous hash, set-based, before the lock is taken.
        select array_agg(concat_ws(chr(31), at_text, e.value->>'requestId', e.value->>'userSub', e.value->>'department', e.value->>'role', e.value->>'purpose',
                 coalesce(e.value->>'caseId', ''), coalesce(e.value->>'subject', ''),
                 coalesce((select string_agg(c, ',' order by c) from jsonb_array_elements_text(e.value->'fieldClasses') as c), ''), e.value->>'outcome',
                 nullif(e.value->>'userName', '')) order by e.ordinality)
          into rests from jsonb_array_elements(events) with ordinality as e;
        hashes := '{}';
        perform pg_advisory_xact_lock(720112);
        select l.hash into previous from access_log l order by l.id desc limit 1;
        previous := coalesce(previous, repeat('0', 64));
        first_previous := previous;
        foreach rest in array rests loop
          previous := encode(sha256(convert_to(previous || chr(31) || rest, 'UTF8')), 'hex');
          hashes := hashes || previous;
        end loop;
        return query
          select row_at, (e.value->>'requestId')::varchar, (e.value->>'userSub')::varchar, nullif(e.value->>'userName', ''), (e.value->>'department')::varchar,
                 (e.value->>'role')::varchar, (e.value->>'purpose')::varchar, (e.value->>'caseId')::varchar, (e.value->>'subject')::varchar,
                 coalesce(array(select c from jsonb_array_elements_text(e.value->'fieldClasses') as c order by c), '{}'), (e.value->>'outcome')::varchar,
                 coalesce(lag(h.hash) over (order by h.n), first_previous)::char(64), h.hash::char(64)
            from jsonb_array_elements(events) with ordinality as e
            join unnest(hashes) with ordinality as h(hash, n) on h.n = e.ordinality
           order by e.ordinality;
      end $$;`);
    this.addSql(`
      create or replace function audit_append(events jsonb) returns void language sql as $$
        insert into access_log (at, request_id, user_sub, user_name, department, role, purpose, case_id, subject_person_id, field_classes, outcome, prev_hash, hash)
        select * from audit_chain(events);
      $$;`);
    this.addSql(`
      create or replace function audit_read_events(read jsonb, subjects text[], withheld text[], any_in_scope boolean) returns jsonb language sql immutable as $$
        select coalesce(jsonb_agg(event order by part, n, k), '[]'::jsonb) from (
          select 1 as part, 0::bigint as n, p.ordinality as k, (read->'base') || p.value as event
            from jsonb_array_elements(case when any_in_scope then coalesce(read->'plain', '[]'::jsonb) else '[]'::jsonb end) with ordinality as p
          union all
          select 2, s.n, g.ordinality, (read->'base') || g.value || jsonb_build_object('subject', s.subject)
            from unnest(subjects) with ordinality as s(subject, n), jsonb_array_elements(coalesce(read->'perSubject', '[]'::jsonb)) with ordinality as g
          union all
          select 3, w.n, 0, (read->'base') || (read->'withheld') || jsonb_strip_nulls(jsonb_build_object('subject', nullif(w.subject, '')))
            from unnest(withheld) with ordinality as w(subject, n)
           where jsonb_typeof(read->'withheld') = 'object'
        ) as events;
      $$;`);
  }

  override async down(): Promise<void> {
    // Re-run Migration20261203100000_access_log_user_name's up for the plpgsql audit_append; the two helpers may stay.
  }
}

/** The access log's migrations, in order; every subgraph runs them after its own. */
export const accessLogMigrations = [
  accessLogMigration,
  { name: 'Migration20261126200000_audit_append_in_one_insert', class: Migration20261126200000_audit_append_in_one_insert },
  { name: 'Migration20261126210000_access_log_without_hash_index', class: Migration20261126210000_access_log_without_hash_index },
  { name: 'Migration20261203100000_access_log_user_name', class: Migration20261203100000_access_log_user_name },
  { name: 'Migration20261204100000_audit_in_the_data_statement', class: Migration20261204100000_audit_in_the_data_statement },
];
