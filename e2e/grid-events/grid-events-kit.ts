/**
 * What the grid-event scenarios share: the people of the job (a 网格员, the center's dispatcher and supervisor, the
 * housing office, the police), their requests through the gateway, the event's fields, and SQL on the grid database.
 */
import { Client } from 'pg';
import type { Purpose } from '@hub/access';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { postGraphQL, userToken, type GraphQLResponse, type TestUser } from '@hub/testkit';
import { pickSubjects } from '../access-conformance/subjects';

export const DISTRICT = '120112';

export interface Place {
  gridCode: string;
  dwellingId: string;
  personId: string;
  /** Another grid of another street, for the foreign-jurisdiction cases. */
  foreignGridCode: string;
}

export const PURPOSE_OF: Record<string, Purpose> = {
  GRID: 'GRID_SERVICE',
  HOUSING: 'HOUSING_ADMINISTRATION',
  POPULATION: 'POPULATION_ADMINISTRATION',
  PUBLIC_SECURITY: 'FLOATING_POPULATION_MANAGEMENT',
};

export const EVENT_FIELDS = `id category categoryName status priority version gridCode grid { code name } address description
  dwelling { id } people { id name } attachments { id fileName contentType sizeBytes sha256 }
  reporterName reportedAt assignedDepartment dispatchedAt slaHours deadline slaLight handledAt handlingResult closedAt
  escalated escalationCount escalationNote`;

export const GRID_ONLY_FIELDS = 'satisfaction followUpNote reporterId history { action fromStatus toStatus actorId actorName actorDepartment at note before after }';

export function gridDatabase(): Client {
  return new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('grid')) });
}

export async function withGridDatabase<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = gridDatabase();
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A grid with a dwelling whose resident population knows, and a grid of another street. Each test file that reports
 * events takes its own grid (`nth`): files run in parallel, and one file's events must not move another's counts.
 * The grids of the conformance suite's subjects are left out: it plants events in them while the other files run.
 */
export async function pickPlace(nth: number): Promise<Place> {
  const plantedGrids = [...new Set((await pickSubjects()).map((subject) => subject.gridCode))];
  const population = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('population')) });
  await population.connect();
  try {
    const { rows } = await population.query(
      `select * from (select distinct on (residence_grid_code) id, residence_dwelling_id, residence_grid_code from person
                       where residence_dwelling_id is not null and residence_grid_code like $1 and death_date is null
                         and residence_grid_code <> all($3::text[])
                       order by residence_grid_code, id) as first_resident_of_each_grid
        order by residence_grid_code offset $2 limit 1`,
      [`${DISTRICT}%`, nth, plantedGrids],
    );
    if (rows.length === 0) throw new Error(`the test district has fewer than ${nth + 1} grids without the conformance suite's subjects`);
    const { rows: foreign } = await population.query(
      'select residence_grid_code from person where residence_grid_code is not null and substr(residence_grid_code, 1, 9) <> $1 order by residence_grid_code limit 1',
      [rows[0].residence_grid_code.slice(0, 9)],
    );
    return { gridCode: rows[0].residence_grid_code, dwellingId: rows[0].residence_dwelling_id, personId: rows[0].id, foreignGridCode: foreign[0].residence_grid_code };
  } finally {
    await population.end();
  }
}

export const codes = (response: GraphQLResponse) => (response.errors ?? []).map((e) => e.extensions?.code);

export function caller(gatewayUrl: string) {
  return async function as(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
    const token = await userToken(user);
    return postGraphQL(gatewayUrl, query, variables, { authorization: `Bearer ${token}`, 'x-purpose': PURPOSE_OF[user.dept] });
  };
}

/** A tiny valid PNG (1×1), as a phone would upload a photo. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export const REPORT = `mutation($input: ReportGridEventInput!) { reportGridEvent(input: $input) { ${EVENT_FIELDS} } }`;
export const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptGridEvent(id: $id, expectedVersion: $v) { id status version } }`;
export const RETURN = `mutation($id: ID!, $v: Int!, $reason: String!) { returnGridEvent(id: $id, expectedVersion: $v, reason: $reason) { id status version returnReason } }`;
export const DISPATCH = `mutation($id: ID!, $v: Int!, $dept: String!) { dispatchGridEvent(id: $id, expectedVersion: $v, department: $dept, note: "请三日内处置") { id status version assignedDepartment dispatchedAt deadline slaHours slaLight } }`;
export const START = `mutation($id: ID!, $v: Int!) { startGridEvent(id: $id, expectedVersion: $v) { id status version } }`;
export const HANDLE = `mutation($id: ID!, $v: Int!, $result: String!) { handleGridEvent(id: $id, expectedVersion: $v, result: $result) { id status version slaLight handledAt } }`;
export const CLOSE = `mutation($id: ID!, $v: Int!) { closeGridEvent(id: $id, expectedVersion: $v) { id status version slaLight closedAt } }`;
export const REJECT = `mutation($id: ID!, $v: Int!, $reason: String!) { rejectGridEventHandling(id: $id, expectedVersion: $v, reason: $reason) { id status version } }`;
export const ESCALATE = `mutation($id: ID!, $v: Int!) { escalateGridEvent(id: $id, expectedVersion: $v, note: "已超期，请立即处置") { id status version priority escalated escalationCount } }`;
export const FOLLOW_UP = `mutation($id: ID!, $v: Int!, $s: Int!) { followUpGridEvent(id: $id, expectedVersion: $v, satisfaction: $s, note: "居民表示满意") { id status version satisfaction } }`;
