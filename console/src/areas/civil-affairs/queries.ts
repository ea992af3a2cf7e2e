/** The 低保 pages' operations (typed by graphql-codegen from the supergraph). */
import { graphql } from '../../gql';

/** 申请列表: civil affairs' own casework, listed without a case (the gateway needs none for it). */
export const ApplicationListQuery = graphql(`
  query CivilApplicationList($status: String, $stage: String, $appliedFrom: String, $appliedTo: String, $first: Int, $after: String) {
    assistanceApplications(status: $status, stage: $stage, appliedFrom: $appliedFrom, appliedTo: $appliedTo, first: $first, after: $after) {
      totalCount
      nodes {
        id
        status
        stage
        authorizationOnFile
        appliedOn
        verifiedOn
        publicizedOn
        publicityEndsOn
        decidedOn
        household {
          id
        }
        latestCheck {
          eligible
          checkedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** One application's record: casework, no case needed (a decided application is no longer a case). */
export const ApplicationRecordQuery = graphql(`
  query CivilApplicationRecord($id: ID!) {
    assistanceApplication(id: $id) {
      id
      kind
      status
      stage
      authorizationOnFile
      authorization {
        documentNumber
        signedOn
        fileSha256
      }
      appliedOn
      verifiedOn
      investigatedOn
      publicizedOn
      publicityEndsOn
      decidedOn
      decisionReason
      household {
        id
      }
      latestCheck {
        id
        checkedAt
        checkedBy
        ruleVersion
        eligible
        reasons
      }
    }
  }
`);

/**
 * Under the application's case (X-Case-Id): the applicant and the household's members, as the policy allows, with each
 * member's assistance records and their versions (终止救助 sends the version it saw).
 */
export const ApplicationCaseQuery = graphql(`
  query CivilApplicationCase($id: ID!) {
    assistanceApplication(id: $id) {
      id
      applicant {
        id
        name
        idNumber
        gender
        birthDate
        phone
      }
      household {
        id
        householdNumber
        members {
          relationToHead
          livesWithHousehold
          person {
            id
            name
            idNumber
            gender
            birthDate
            deathDate
            assistance {
              id
              kind
              status
              monthlyAmount
              startOn
              endOn
              version
            }
          }
        }
      }
    }
  }
`);

/** 终止救助 of one member's benefit, under the application's case. */
export const EndAssistanceMutation = graphql(`
  mutation CivilEndAssistance($input: EndAssistanceInput!) {
    endAssistance(input: $input) {
      id
      status
      endOn
      version
    }
  }
`);

/** 家庭经济状况核对 under the case: the verdict, every reason, each fact with its department and as-of time. */
export const SubsistenceCheckQuery = graphql(`
  query CivilSubsistenceCheck($idNumber: String!) {
    subsistenceCheck(idNumber: $idNumber) {
      id
      application {
        id
        status
      }
      eligible
      reasons
      memberCount
      perCapitaMonthlyIncome
      standardMonthly
      ownedDwellingCount
      nonExemptVehicleCount
      checkedAt
      checkedBy
      ruleVersion
      incomeMonths
      provenance {
        fact
        department
        source
        asOf
        value
      }
      household {
        householdNumber
        members {
          relationToHead
          livesWithHousehold
          person {
            id
            name
            deathDate
          }
        }
      }
    }
  }
`);

export const OpenApplicationMutation = graphql(`
  mutation CivilOpenApplication($idNumber: String!, $authorization: AuthorizationEvidenceInput!) {
    openAssistanceApplication(idNumber: $idNumber, authorizationOnFile: true, authorization: $authorization) {
      id
      status
      appliedOn
    }
  }
`);

export const RecordStepMutation = graphql(`
  mutation CivilRecordStep($id: ID!, $step: String!, $on: String, $reason: String) {
    recordApplicationStep(applicationId: $id, step: $step, on: $on, reason: $reason) {
      id
      status
      stage
      verifiedOn
      investigatedOn
      publicizedOn
      publicityEndsOn
      decidedOn
      decisionReason
    }
  }
`);

/** 年度复核: the jurisdiction's applications, page by page (ids and status only). */
export const ReviewApplicationIdsQuery = graphql(`
  query CivilReviewApplicationIds($first: Int, $after: String) {
    assistanceApplications(first: $first, after: $after) {
      totalCount
      nodes {
        id
        status
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** One chunk of the review: each application its own case (no X-Case-Id; the gateway opens the open ones). */
export const ReviewChunkQuery = graphql(`
  query CivilReviewChunk($ids: [ID!]!) {
    subsistenceChecks(applicationIds: $ids) {
      id
      application {
        id
      }
      eligible
      reasons
      memberCount
      perCapitaMonthlyIncome
      standardMonthly
      ownedDwellingCount
      nonExemptVehicleCount
      ruleVersion
      checkedAt
    }
  }
`);
