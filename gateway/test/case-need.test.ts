import { MAX_BATCH_REVIEW_APPLICATIONS } from '@hub/access';
import { caseNeedOf } from '../src/cases';

describe('which case a SUBSISTENCE_REVIEW request without X-Case-Id works under', () => {
  it("needs none to open an application or list civil affairs' own casework", () => {
    expect(caseNeedOf('mutation { openAssistanceApplication(idNumber: "x", authorizationOnFile: true) { id } }', {})).toEqual({ kind: 'none' });
    expect(caseNeedOf('{ assistanceApplications(first: 5) { totalCount } subsistenceStandards { version } }', {})).toEqual({ kind: 'none' });
    expect(caseNeedOf('query($id: ID!) { assistanceApplication(id: $id) { status latestCheck { eligible } } }', { id: 'A1' })).toEqual({ kind: 'none' });
  });

  it("takes a batch review's application ids as its cases, from literals or variables, without duplicates", () => {
    expect(caseNeedOf('query($ids: [ID!]!) { subsistenceChecks(applicationIds: $ids) { eligible } }', { ids: ['A1', 'A2', 'A1'] })).toEqual({ kind: 'batch', applicationIds: ['A1', 'A2'] });
    expect(caseNeedOf('{ a: subsistenceChecks(applicationIds: ["A1"]) { eligible } b: subsistenceChecks(applicationIds: "A3") { eligible } }', {})).toEqual({
      kind: 'batch',
      applicationIds: ['A1', 'A3'],
    });
  });

  it('needs a named case for anything else, including a batch mixed with other data', () => {
    expect(caseNeedOf('{ person(idNumber: "x") { name } }', {})).toEqual({ kind: 'named' });
    expect(caseNeedOf('query($ids: [ID!]!) { subsistenceChecks(applicationIds: $ids) { eligible } person(idNumber: "x") { name } }', { ids: ['A1'] })).toEqual({ kind: 'named' });
    expect(caseNeedOf('{ assistanceApplications { totalCount } person(idNumber: "x") { name } }', {})).toEqual({ kind: 'named' });
    expect(caseNeedOf('mutation { recordApplicationStep(applicationId: "A1", step: "VERIFIED") { id } }', {})).toEqual({ kind: 'named' });
    expect(caseNeedOf('not graphql', {})).toEqual({ kind: 'named' });
  });

  it(`refuses more than ${MAX_BATCH_REVIEW_APPLICATIONS} applications in one request`, () => {
    const ids = Array.from({ length: MAX_BATCH_REVIEW_APPLICATIONS + 1 }, (_, i) => `A${i}`);
    expect(() => caseNeedOf('query($ids: [ID!]!) { subsistenceChecks(applicationIds: $ids) { eligible } }', { ids })).toThrow(/at most 250/);
  });
});
