import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { USER_TOKEN_ISSUER, gridhubHome } from '@hub/access';

/**
 * NODE_ENV=production with its keys and secrets given explicitly, as a deployment gives them (a production process
 * refuses to fall back to the development keys or the demo person-key secret). The keys are the test run's own, so
 * the tokens the tests sign still verify; the person-key secret is a test value (no test here looks a person up by
 * ID number under it) unless the caller names its own (the bench seeds its district with its own).
 */
export function productionEnv(personIdSecret = 'gridhub-test-production-person-id-secret-0001'): NodeJS.ProcessEnv {
  const key = (name: string) => readFileSync(join(gridhubHome(), 'keys', name), 'utf8');
  return {
    NODE_ENV: 'production',
    USER_JWT_PUBLIC_KEY: key('user.public.pem'),
    USER_JWT_ISSUER: USER_TOKEN_ISSUER,
    INTERNAL_TOKEN_PRIVATE_KEY: key('internal.private.pem'),
    INTERNAL_TOKEN_PUBLIC_KEY: key('internal.public.pem'),
    PERSON_ID_SECRET: personIdSecret,
  };
}
