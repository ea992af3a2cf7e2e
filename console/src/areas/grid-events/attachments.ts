/**
 * The report's attachments, checked in the browser with the grid subgraph's own limits (ADR 0012,
 * subgraphs/grid/src/events/attachments.ts) so that a 网格员 on a phone learns at once, in Chinese, what the API
 * would refuse: at most 5 files, each 1 byte to 512 KiB, JPEG, PNG or PDF, and the file must be what it says.
 */
export const MAX_ATTACHMENT_BYTES = 512 * 1024;
export const MAX_ATTACHMENTS = 5;

const SIGNATURES: Record<string, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
};

const TYPE_BY_EXTENSION: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };

export const ACCEPT_ATTRIBUTE = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';

export interface CheckedFile {
  fileName: string;
  contentType: string;
  contentBase64: string;
  sizeBytes: number;
}

/** The type a file claims: the browser's, else its extension's. */
function claimedType(file: File): string | undefined {
  if (file.type && SIGNATURES[file.type]) return file.type;
  if (file.type) return undefined;
  return TYPE_BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''];
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The file ready to send, or what is wrong with it in words a 网格员 understands. */
export async function checkAttachment(file: File): Promise<CheckedFile | { problem: string }> {
  const type = claimedType(file);
  if (!type) return { problem: `“${file.name}”的类型不允许：只能上传 JPG、PNG 照片或 PDF 文件` };
  if (file.size === 0) return { problem: `“${file.name}”是空文件` };
  if (file.size > MAX_ATTACHMENT_BYTES) return { problem: `“${file.name}”有 ${(file.size / 1024).toFixed(0)} KiB，超过每个附件 512 KiB 的上限，请压缩后再上传` };
  if (/[/\\]/.test(file.name) || [...file.name].some((c) => c.charCodeAt(0) < 0x20) || file.name.length > 200)
    return { problem: `“${file.name.slice(0, 40)}”的文件名不能含斜杠或控制字符，且不超过 200 个字符` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const signature = SIGNATURES[type];
  if (!signature.every((byte, i) => bytes[i] === byte))
    return { problem: `“${file.name}”的内容与其类型不符（不是真正的${type === 'application/pdf' ? ' PDF 文件' : type === 'image/png' ? ' PNG 图片' : ' JPG 图片'}）` };
  return { fileName: file.name, contentType: type, contentBase64: base64(bytes), sizeBytes: bytes.length };
}
