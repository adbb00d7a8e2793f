import { describe, expect, it } from 'vitest';
import { imageDataUrl } from './image-data-url.ts';

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const b64 = (bytes: number[] | string) => btoa(typeof bytes === 'string' ? bytes : String.fromCharCode(...bytes));
const schema = imageDataUrl(1000, ['png', 'jpeg', 'gif', 'webp']);

describe('an inline image', () => {
  it('takes each format whose bytes begin as that format does', () => {
    expect(schema.safeParse(`data:image/png;base64,${PNG_1x1}`).success).toBe(true);
    expect(schema.safeParse(`data:image/jpeg;base64,${b64([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1])}`).success).toBe(true);
    expect(schema.safeParse(`data:image/gif;base64,${b64('GIF89a\x01\x00\x01\x00\x00\x00')}`).success).toBe(true);
    expect(schema.safeParse(`data:image/webp;base64,${b64('RIFF\x1a\x00\x00\x00WEBPVP8L')}`).success).toBe(true);
  });

  it('refuses a file that is not what its type says: text named .png, a PNG called GIF, SVG', () => {
    for (const v of [`data:image/png;base64,${b64('hello world\n and more')}`, `data:image/gif;base64,${PNG_1x1}`, `data:image/svg+xml;base64,${b64('<svg xmlns="http://www.w3.org/2000/svg"/>')}`, 'data:image/png;base64,iVBO']) {
      const r = schema.safeParse(v);
      expect(r.success, v).toBe(false);
      expect(r.error?.issues[0].message).toBe('must be a PNG, JPEG, GIF or WebP image');
    }
  });

  it('names only the formats it takes', () => {
    expect(imageDataUrl(1000, ['png', 'jpeg', 'webp']).safeParse(`data:image/gif;base64,${b64('GIF89a\x01\x00\x01\x00\x00\x00')}`).error?.issues[0].message).toBe('must be a PNG, JPEG or WebP image');
  });
});
