import { Field, InputType, ObjectType } from 'type-graphql';

/**
 * The applicant's signed 授权书 (家庭经济状况核对授权书) as evidence, not a flag (issue #15): its document number,
 * the day it was signed, and the SHA-256 digest of its scan. The scan itself stays in the office's file; the digest
 * proves later which paper the 核对 was opened on.
 */
@ObjectType({ description: '授权书: the written authorization the 核对 was opened on' })
export class AuthorizationEvidence {
  @Field(() => String, { description: '授权书编号, as the office numbers it' })
  documentNumber: string;

  @Field(() => String, { description: 'Signed on, YYYY-MM-DD' })
  signedOn: string;

  @Field(() => String, { description: 'SHA-256 of the scanned, signed 授权书 (64 hex digits)' })
  fileSha256: string;
}

@InputType({ description: '授权书: number, signing date and the SHA-256 of its scan' })
export class AuthorizationEvidenceInput {
  @Field(() => String, { description: '授权书编号 (2–40 characters)' })
  documentNumber: string;

  @Field(() => String, { description: 'Signed on, YYYY-MM-DD: not in the future, at most 180 days before 受理' })
  signedOn: string;

  @Field(() => String, { description: 'SHA-256 of the scanned, signed 授权书 (64 hex digits)' })
  fileSha256: string;
}
