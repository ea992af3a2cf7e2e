/** The housing area's operations: its queue of the grid center's requests, and the writes that answer them. */
import { graphql } from '../../gql';

/** Housing's part of the grid center's correction requests in one status (RAISED: waiting for housing), in the order raised. */
export const CorrectionQueueQuery = graphql(`
  query HousingCorrectionQueue($status: String!, $first: Int, $after: String) {
    correctionRequests(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        gridCode
        recordType
        recordId
        proposedCorrection
        version
        visitedOn
        proposal
        raisedAt
        person {
          id
          name
          idNumber
        }
      }
    }
  }
`);

/** The dwelling a visit names, as housing registers it: who owns it and who rents it now, to check the proposal against. */
export const TakeOverDwellingQuery = graphql(`
  query HousingTakeOverDwelling($id: ID!) {
    dwelling(id: $id) {
      id
      address
      owners {
        owner {
          id
          name
        }
      }
      tenancies {
        id
        current
        startOn
        tenant {
          id
          name
        }
      }
    }
  }
`);

/** 出租登记, naming the request it takes over. */
export const RecordTenancyMutation = graphql(`
  mutation HousingRecordTenancy($input: RecordTenancyInput!) {
    recordTenancy(input: $input) {
      id
      startOn
    }
  }
`);

export const AcceptCorrectionMutation = graphql(`
  mutation HousingAcceptCorrection($id: ID!, $version: Int!, $answer: String) {
    acceptCorrection(id: $id, version: $version, answer: $answer) {
      id
      status
      version
    }
  }
`);

export const RejectCorrectionMutation = graphql(`
  mutation HousingRejectCorrection($id: ID!, $version: Int!, $reason: String!) {
    rejectCorrection(id: $id, version: $version, reason: $reason) {
      id
      status
      version
    }
  }
`);

/** 实有房屋登记. */
export const RegisterDwellingMutation = graphql(`
  mutation HousingRegisterDwelling($input: RegisterDwellingInput!) {
    registerDwelling(input: $input) {
      id
      address
      addressCode
      use
      area
      regionCode
    }
  }
`);
