import { createHmac } from 'node:crypto';

/**
 * The stable pseudonymous key of a person across departments: a keyed hash of the ID number, so that
 * the ID number never travels as a key and cannot be recovered from one without the secret.
 */
export function personIdFor(idNumber: string, secret: string): string {
  return 'P' + createHmac('sha256', secret).update(idNumber.toUpperCase()).digest('hex').slice(0, 24);
}

export const PERSON_ID_PATTERN = /^P[0-9a-f]{24}$/;

/** The development default; deployments set PERSON_ID_SECRET. */
export const DEMO_PERSON_ID_SECRET = 'gridhub-demo-person-id-secret';

export function personIdSecret(env: NodeJS.ProcessEnv = process.env): string {
  return env.PERSON_ID_SECRET || DEMO_PERSON_ID_SECRET;
}
