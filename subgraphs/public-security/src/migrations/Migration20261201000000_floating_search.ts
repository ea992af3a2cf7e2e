import { Migration } from '@mikro-orm/migrations';

/**
 * 流动人口 search (issue #4): what the registration itself records of the registrant's 姓名 and the 房东
 * (the landlord's person key, as public security keeps every person reference), and indexes for the police
 * search. Every search reads ACTIVE registrations under a grid-code prefix, so the indexes are partial on
 * status = 'ACTIVE'; see docs/adr/0006-floating-population-search.md for the measurements.
 */
export class Migration20261201000000_floating_search extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table floating_registration add column registrant_name varchar(64), add column landlord_person_id varchar(25);');
    // Jurisdiction (grid prefix) in id order; INCLUDE lets totalCount with the code-table and date filters stay index-only.
    this.addSql(`create index floating_registration_active_grid_idx on floating_registration (grid_code text_pattern_ops, id)
      include (inflow_reason, residence_type, registered_on, permit_expires_on) where status = 'ACTIVE';`);
    // "About to lapse": keyset order (expiry, id) with a registration without expiry last.
    this.addSql(`create index floating_registration_active_expiry_idx on floating_registration ((coalesce(permit_expires_on, 'infinity'::date)), id)
      include (grid_code) where status = 'ACTIVE';`);
    this.addSql(`create index floating_registration_active_name_idx on floating_registration (registrant_name text_pattern_ops) where status = 'ACTIVE';`);
    this.addSql(`create index floating_registration_active_landlord_idx on floating_registration (landlord_person_id) where status = 'ACTIVE';`);
    // Superseded by the partial indexes above.
    this.addSql('drop index if exists floating_registration_grid_idx;');
    this.addSql('drop index if exists floating_registration_expiry_idx;');
  }

  override async down(): Promise<void> {
    this.addSql('create index floating_registration_grid_idx on floating_registration (grid_code text_pattern_ops, id);');
    this.addSql('create index floating_registration_expiry_idx on floating_registration (permit_expires_on);');
    for (const index of ['active_grid', 'active_expiry', 'active_name', 'active_landlord']) this.addSql(`drop index if exists floating_registration_${index}_idx;`);
    this.addSql('alter table floating_registration drop column registrant_name, drop column landlord_person_id;');
  }
}
