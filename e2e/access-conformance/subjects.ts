/**
 * The people the conformance suite looks at: residents of the seeded test district chosen so that every
 * department has something on at least one of them (a key person, a vehicle owner, a landlord and a tenant, an
 * assistance recipient, a disabled person, an income declarant, a floating resident), plus the applicants of
 * open 低保 applications, whose cases open their households to civil affairs.
 */
import { Client } from 'pg';
import { formatAccessScope } from '@hub/access';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { testSeedManifest } from '@hub/testkit';

export interface Subject {
  why: string;
  personId: string;
  idNumber: string;
  householdId: string;
  gridCode: string;
  dwellingId: string;
  accessScope: string;
  /** An open application for this person's household, when there is one (the SUBSISTENCE_REVIEW case). */
  applicationId?: string;
}

async function firstColumn(department: string, sql: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor(department)) });
  await client.connect();
  try {
    return (await client.query(sql)).rows.map((row) => Object.values(row)[0] as string);
  } finally {
    await client.end();
  }
}

const PICKS: Array<{ why: string; department: string; sql: string }> = [
  { why: 'key person', department: 'public-security', sql: 'select person_id from key_person where active order by id limit 1' },
  { why: 'owns a non-exempt vehicle', department: 'public-security', sql: 'select owner_person_id from vehicle where not exempt order by id limit 1' },
  { why: 'floating resident', department: 'public-security', sql: "select person_id from floating_registration where status = 'ACTIVE' order by id limit 1" },
  { why: 'landlord', department: 'housing', sql: 'select landlord_person_id from tenancy order by id limit 1' },
  { why: 'tenant', department: 'housing', sql: 'select tenant_person_id from tenancy order by id limit 1' },
  { why: 'former tenant', department: 'housing', sql: 'select tenant_person_id from tenancy where end_on is not null order by id limit 1' },
  { why: 'former assistance recipient', department: 'civil-affairs', sql: 'select person_id from assistance_record where end_on is not null order by id limit 1' },
  { why: 'receives assistance', department: 'civil-affairs', sql: "select person_id from assistance_record where status = 'ACTIVE' order by id limit 1" },
  { why: 'disabled', department: 'civil-affairs', sql: 'select person_id from disability_certificate order by id limit 1' },
  { why: 'declares income', department: 'civil-affairs', sql: 'select person_id from income_declaration order by id limit 1' },
];

export async function pickSubjects(): Promise<Subject[]> {
  const manifest = testSeedManifest();
  const applications = [...manifest.planted.eligibleApplications, ...manifest.planted.nonExemptVehicle, ...manifest.planted.excessDwellings].filter((application) => application.authorizationOnFile);
  const wanted = new Map<string, { why: string; applicationId?: string }>();
  for (const application of applications) wanted.set(application.applicantPersonId, { why: `applicant of open application ${application.applicationId}`, applicationId: application.applicationId });
  for (const pick of PICKS) {
    const [personId] = await firstColumn(pick.department, pick.sql);
    if (!personId) throw new Error(`the test district has no ${pick.why}: the conformance suite needs one`);
    if (!wanted.has(personId)) wanted.set(personId, { why: pick.why });
  }
  const ids = [...wanted.keys()].map((id) => `'${id.replace(/'/g, "''")}'`).join(',');
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('population')) });
  await client.connect();
  try {
    const { rows } = await client.query(`select id, id_number, household_id, residence_grid_code, residence_dwelling_id from person where id in (${ids}) order by id`);
    return rows.map((row) => ({
      ...wanted.get(row.id)!,
      personId: row.id,
      idNumber: row.id_number,
      householdId: row.household_id,
      gridCode: row.residence_grid_code,
      dwellingId: row.residence_dwelling_id,
      accessScope: formatAccessScope({ gridCode: row.residence_grid_code, householdId: row.household_id }),
    }));
  } finally {
    await client.end();
  }
}
