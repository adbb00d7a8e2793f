import { describe, expect, it } from 'vitest';
import { accentVariables, contrastWithWhite } from './accent-color.ts';

const rgbOf = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe('an organization accent colour', () => {
  it('is used as it is when white text on it is readable (4.5:1)', () => {
    const vars = accentVariables('#c2185b')!;
    expect(vars['--mantine-color-blue-filled']).toBe('#c2185b');
    expect(vars['--mantine-color-anchor']).toBe('#c2185b');
    expect(vars['--mantine-primary-color-filled']).toBe('#c2185b');
  });

  it('is darkened, keeping its hue, until it is readable: a pale yellow never carries white text', () => {
    const filled = accentVariables('#ffeb3b')!['--mantine-color-blue-filled'];
    expect(filled).not.toBe('#ffeb3b');
    expect(contrastWithWhite(rgbOf(filled))).toBeGreaterThanOrEqual(4.5);
    const [r, g, b] = rgbOf(filled);
    expect(r).toBeGreaterThan(b);
    expect(g).toBeGreaterThan(b);
  });

  it('gives nothing for anything but #rrggbb', () => {
    expect(accentVariables(null)).toBeUndefined();
    expect(accentVariables('red')).toBeUndefined();
    expect(accentVariables('#fff')).toBeUndefined();
  });
});
