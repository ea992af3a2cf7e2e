import { ErrorCode, HubError, checkedDate } from '@hub/access';
import { AUTHORIZATION_VALID_DAYS } from '@hub/domain';
import type { AuthorizationEvidence, AuthorizationEvidenceInput } from '../entities/authorization-evidence.type';
import { addDays } from './application-steps';
const SHA256_HEX = /^[0-9a-f]{64}$/i;
// Printable text only: the number is printed in the 核对报告 and the access log's tooling.
const DOCUMENT_NUMBER = /^[^\p{Cc}\p{Cf}]{2,40}$/u;

const refuse = (message: string): never => {
  throw new HubError(ErrorCode.BAD_USER_INPUT, message);
};

/**
 * The 授权书 an application is opened on: with `authorizationOnFile` true its number, signing date and scan digest
 * are required and checked; without it none may be given. `today` is China's date.
 */
export function checkedAuthorization(onFile: boolean, authorization: AuthorizationEvidenceInput | undefined, today: string): AuthorizationEvidence | undefined {
  if (!onFile) {
    if (authorization) refuse('authorization was given but authorizationOnFile is false: say the 授权书 is on file, or leave it out');
    return undefined;
  }
  if (!authorization) {
    refuse('须提供授权书的编号、签署日期和扫描件的 SHA-256 摘要 (authorization: documentNumber, signedOn, fileSha256); authorizationOnFile alone is not evidence');
  }
  const documentNumber = authorization!.documentNumber.trim();
  if (!DOCUMENT_NUMBER.test(documentNumber)) refuse('authorization.documentNumber must be 2–40 printable characters');
  const signedOn = checkedDate(authorization!.signedOn, 'authorization.signedOn');
  if (signedOn > today) refuse(`authorization.signedOn ${signedOn} is in the future`);
  if (signedOn < addDays(today, -AUTHORIZATION_VALID_DAYS)) refuse(`授权书签署于 ${signedOn}，已超过 ${AUTHORIZATION_VALID_DAYS} 天，须重新签署 (authorization.signedOn is too old)`);
  if (!SHA256_HEX.test(authorization!.fileSha256)) refuse('authorization.fileSha256 must be the SHA-256 of the scan: 64 hexadecimal digits');
  return { documentNumber, signedOn, fileSha256: authorization!.fileSha256.toLowerCase() };
}
