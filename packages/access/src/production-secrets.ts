import { DEMO_PERSON_ID_SECRET } from '@hub/domain';

/** The shortest PERSON_ID_SECRET production accepts: a person key must not be guessable from ID numbers. */
export const MIN_PERSON_ID_SECRET_LENGTH = 32;

/**
 * What a production process (NODE_ENV=production) is missing of its real keys and secrets (issue #13 part 1): it
 * never falls back to the development keys generated under .gridhub or to the demo PERSON_ID_SECRET. Empty when
 * nothing is missing, or when not in production.
 */
export function missingProductionSecrets(env: NodeJS.ProcessEnv, process: 'gateway' | 'subgraph'): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const set = (name: string) => !!env[name]?.trim();
  const missing: string[] = [];
  if (process === 'gateway') {
    if (!set('USER_JWKS_URL') && !set('USER_JWKS_PATH') && !set('USER_JWT_PUBLIC_KEY')) missing.push("USER_JWKS_URL, USER_JWKS_PATH or USER_JWT_PUBLIC_KEY (the identity provider's keys)");
    if (!set('USER_JWT_ISSUER')) missing.push("USER_JWT_ISSUER (the identity provider's issuer, not the development one)");
    if (!set('INTERNAL_TOKEN_PRIVATE_KEY')) missing.push('INTERNAL_TOKEN_PRIVATE_KEY (the gateway signs internal tokens with it)');
  } else {
    if (!set('INTERNAL_TOKEN_PUBLIC_KEY')) missing.push('INTERNAL_TOKEN_PUBLIC_KEY (the subgraph verifies the gateway with it)');
    const secret = env.PERSON_ID_SECRET ?? '';
    if (!secret || secret === DEMO_PERSON_ID_SECRET) missing.push('PERSON_ID_SECRET (not the demo value)');
    else if (secret.length < MIN_PERSON_ID_SECRET_LENGTH) missing.push(`PERSON_ID_SECRET of at least ${MIN_PERSON_ID_SECRET_LENGTH} characters`);
  }
  return missing;
}

/** The sentence a production process stops with when `missingProductionSecrets` is not empty. */
export function productionSecretsRefusal(missing: string[]): string {
  return `NODE_ENV=production needs its real keys and secrets, never the development ones; set: ${missing.join('; ')}`;
}
