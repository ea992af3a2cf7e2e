import { checkedAttachment, MAX_ATTACHMENT_BYTES } from './attachments';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n');

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return `${(error as { code: string }).code}: ${(error as Error).message}`;
  }
  return 'accepted';
}

describe('attachments', () => {
  it('accepts a png and a pdf whose bytes are what they claim, and fingerprints them', () => {
    const png = checkedAttachment({ fileName: '现场.png', contentType: 'image/png', contentBase64: PNG.toString('base64') }, 0);
    expect(png).toMatchObject({ fileName: '现场.png', sizeBytes: PNG.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(checkedAttachment({ fileName: '告知书.pdf', contentType: 'application/pdf', contentBase64: PDF.toString('base64') }, 1).sizeBytes).toBe(PDF.length);
  });

  it('refuses what is off the allow-list, too large, empty, not base64 or not what it claims', () => {
    expect(refusal(() => checkedAttachment({ fileName: 'a.gif', contentType: 'image/gif', contentBase64: 'R0lGODlh' }, 0))).toMatch(/^BAD_USER_INPUT: 附件类型不允许/);
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    expect(refusal(() => checkedAttachment({ fileName: 'a.png', contentType: 'image/png', contentBase64: big.toString('base64') }, 0))).toMatch(/^BAD_USER_INPUT: 附件超过 512 KiB/);
    const exactly = Buffer.concat([PNG, Buffer.alloc(MAX_ATTACHMENT_BYTES - PNG.length)]);
    expect(refusal(() => checkedAttachment({ fileName: 'a.png', contentType: 'image/png', contentBase64: exactly.toString('base64') }, 0))).toBe('accepted');
    expect(refusal(() => checkedAttachment({ fileName: 'a.png', contentType: 'image/png', contentBase64: '' }, 0))).toMatch(/^BAD_USER_INPUT: .*empty/);
    expect(refusal(() => checkedAttachment({ fileName: 'a.png', contentType: 'image/png', contentBase64: '***' }, 0))).toMatch(/^BAD_USER_INPUT: .*not base64/);
    expect(refusal(() => checkedAttachment({ fileName: 'a.jpg', contentType: 'image/jpeg', contentBase64: PNG.toString('base64') }, 2))).toMatch(
      /^BAD_USER_INPUT: 附件内容与类型不符 \(attachments\[2\]/,
    );
    expect(refusal(() => checkedAttachment({ fileName: '../etc/passwd', contentType: 'image/png', contentBase64: PNG.toString('base64') }, 0))).toMatch(/fileName/);
  });
});
