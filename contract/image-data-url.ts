import { z } from 'zod';

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';
const NAMES: Record<ImageFormat, string> = { png: 'PNG', jpeg: 'JPEG', gif: 'GIF', webp: 'WebP' };

/** How each format's files begin: an image must be what its data: URL says it is. */
const SIGNATURES: Record<ImageFormat, (head: string) => boolean> = {
  png: (b) => b.startsWith('\x89PNG\r\n\x1a\n'),
  jpeg: (b) => b.startsWith('\xff\xd8\xff'),
  gif: (b) => b.startsWith('GIF87a') || b.startsWith('GIF89a'),
  webp: (b) => b.startsWith('RIFF') && b.slice(8, 12) === 'WEBP',
};

/**
 * A small image stored inline as a data: URL, in one of `formats` — never SVG, which can carry
 * script — whose first bytes match its declared type (a text file named .png is not an image).
 */
export function imageDataUrl(max: number, formats: readonly ImageFormat[]) {
  const names = formats.map((f) => NAMES[f]);
  const message = `must be a ${names.slice(0, -1).join(', ')} or ${names.at(-1)} image`;
  const shape = new RegExp(`^data:image/(${formats.join('|')});base64,[A-Za-z0-9+/]+={0,2}$`);
  return z
    .string()
    .max(max)
    .regex(shape, message)
    .refine((s) => {
      const m = /^data:image\/(\w+);base64,([A-Za-z0-9+/]{16})/.exec(s);
      // atob, not Buffer: the same schema checks the file in the browser before it is sent.
      return m !== null && SIGNATURES[m[1] as ImageFormat](atob(m[2]));
    }, message);
}
