/**
 * The id a write carries so that the hub writes it once however often it is sent (ADR 0020): a version-4 UUID.
 * `crypto.randomUUID` exists only in a secure context (https, localhost); a console reached over plain http on an
 * office network still has `crypto.getRandomValues`, and the UUID is built from it.
 */
export function newClientRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
