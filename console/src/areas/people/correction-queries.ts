/** Population's queue of the grid center's requests, and the writes that answer them (迁离登记, then 确认 or 不予采纳). */
import { graphql } from '../../gql';

/** Population's part of the grid center's correction requests in one status (RAISED: waiting for population), in the order raised. */
export const PopulationCorrectionQueueQuery = graphql(`
  query PopulationCorrectionQueue($status: String!, $first: Int, $after: String) {
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
          version
          residenceSince
          residence {
            id
            address
          }
        }
      }
    }
  }
`);

/** 迁离登记, naming the request it answers, at the person's version the queue showed. */
export const RecordMoveOutMutation = graphql(`
  mutation PopulationRecordMoveOut($input: RecordMoveOutInput!) {
    recordMoveOut(input: $input) {
      id
      personId
      correctionRequestId
    }
  }
`);

export const PopulationAcceptCorrectionMutation = graphql(`
  mutation PopulationAcceptCorrection($id: ID!, $version: Int!, $answer: String) {
    acceptCorrection(id: $id, version: $version, answer: $answer) {
      id
      status
      version
    }
  }
`);

export const PopulationRejectCorrectionMutation = graphql(`
  mutation PopulationRejectCorrection($id: ID!, $version: Int!, $reason: String!) {
    rejectCorrection(id: $id, version: $version, reason: $reason) {
      id
      status
      version
    }
  }
`);
