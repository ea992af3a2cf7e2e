import { createHash } from 'node:crypto';
import { ErrorCode, HubError } from '@hub/access';
import type { GridEventAttachmentInput } from '../entities/grid-event.type';

/**
 * 512 KiB a file: what a phone's compressed photo needs, and what fits in base64 (~683 KB) inside the gateway's
 * 1 MiB request body (MAX_BODY_BYTES) with room for the rest of the report. A larger body is refused at the
 * gateway (HTTP 413) before it reaches this check.
 */
export const MAX_ATTACHMENT_BYTES = 512 * 1024;
export const MAX_ATTACHMENTS = 5;

/** The allowed types and the first bytes their files start with (a renamed .exe is no photo). */
const SIGNATURES: Record<string, Buffer> = {
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'application/pdf': Buffer.from('%PDF-', 'ascii'),
};
export const ALLOWED_CONTENT_TYPES = Object.keys(SIGNATURES);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface CheckedAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
  sizeBytes: number;
  sha256: string;
}

/** Decodes and checks one attachment: type on the allow-list and matching the bytes, 1 byte to 512 KiB. */
export function checkedAttachment(input: GridEventAttachmentInput, index: number): CheckedAttachment {
  const what = `attachments[${index}]`;
  const fileName = (input.fileName ?? '').trim();
  if (!fileName || fileName.length > 200 || /[/\\]/.test(fileName) || [...fileName].some((c) => c.charCodeAt(0) < 0x20)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `${what}.fileName must be 1–200 characters without slashes or control characters`);
  }
  if (!ALLOWED_CONTENT_TYPES.includes(input.contentType)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `附件类型不允许 (${what}.contentType must be one of ${ALLOWED_CONTENT_TYPES.join(', ')}; got "${String(input.contentType).slice(0, 40)}")`);
  }
  // Checked on the text first: a text longer than the base64 of the limit is refused undecoded.
  const text = input.contentBase64 ?? '';
  if (text.length > Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `附件超过 512 KiB (${what} is larger than ${MAX_ATTACHMENT_BYTES} bytes)`);
  }
  if (!BASE64.test(text) || text.length % 4 !== 0) throw new HubError(ErrorCode.BAD_USER_INPUT, `${what}.contentBase64 is not base64`);
  const content = Buffer.from(text, 'base64');
  if (content.length === 0) throw new HubError(ErrorCode.BAD_USER_INPUT, `${what} is empty`);
  if (content.length > MAX_ATTACHMENT_BYTES) throw new HubError(ErrorCode.BAD_USER_INPUT, `附件超过 512 KiB (${what} is ${content.length} bytes, at most ${MAX_ATTACHMENT_BYTES})`);
  const signature = SIGNATURES[input.contentType];
  if (!content.subarray(0, signature.length).equals(signature)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `附件内容与类型不符 (${what} is not a ${input.contentType} file: its first bytes do not match)`);
  }
  return { fileName, contentType: input.contentType, content, sizeBytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}
