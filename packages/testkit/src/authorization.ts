import { createHash } from 'node:crypto';

/**
 * A signed 授权书 as a test's caseworker holds it when opening an application (issue #15): numbered, signed today
 * (China's date), with the SHA-256 of its scan. `tag` makes the scan, and so its digest, differ between tests.
 */
export function signedAuthorization(tag = 'test'): { documentNumber: string; signedOn: string; fileSha256: string } {
  const signedOn = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return { documentNumber: `津南民核授〔2026〕${tag}号`, signedOn, fileSha256: createHash('sha256').update(`授权书扫描件 ${tag}`).digest('hex') };
}
