import { z } from 'zod';

/** A bad environment value; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** An unset or blank variable is undefined, so its default applies; a set one is trimmed. */
function blankAsUnset(value: unknown): unknown {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A variable that may be left unset: `schema` sees the trimmed value, or undefined. */
export function envVar<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankAsUnset, schema);
}

/** Marks an issue whose message is a whole sentence already (it names the variable itself), not "<VAR> <message>; got …". */
export const SENTENCE = { sentence: true } as const;

/** A whole number from `min` to `max`, `fallback` when unset. */
export function wholeNumber(fallback: number, min: number, max: number) {
  return envVar(
    z
      .string()
      .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
      .transform(Number)
      .pipe(z.number().int().min(min, `must be a whole number from ${min} to ${max}`).max(max, `must be a whole number from ${min} to ${max}`))
      .default(fallback),
  );
}

/** A TCP port to listen on, `fallback` when unset. */
export function portNumber(fallback: number) {
  const message = 'must be a port number from 0 to 65535';
  return envVar(z.string().regex(/^\d+$/, message).transform(Number).pipe(z.number().int().max(65535, message)).default(fallback));
}

/** An http(s) URL; `example` completes the message of a value that is not a URL. */
export function httpUrl(notAUrl: string, notHttp: string) {
  return z
    .string()
    .refine((raw) => URL.canParse(raw), notAUrl)
    .refine((raw) => !URL.canParse(raw) || ['http:', 'https:'].includes(new URL(raw).protocol), notHttp)
    .transform((raw) => new URL(raw).toString());
}

/**
 * Reads the environment through `schema` (an object keyed by variable name) once, at start. The first bad
 * value throws a ConfigError naming the variable and the value it had.
 */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue.code === 'custom' && (issue.params as { sentence?: boolean } | undefined)?.sentence) throw new ConfigError(issue.message);
  const variable = String(issue.path[0]);
  throw new ConfigError(`${variable} ${issue.message}; got "${env[variable]}"`);
}

export { z };
