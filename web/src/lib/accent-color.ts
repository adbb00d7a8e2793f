import { useEffect } from 'react';

type Rgb = [number, number, number];

const parse = (hex: string): Rgb | undefined => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : undefined;
};
const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
/** Contrast of white text on this colour, which is also this colour's as text on white. */
export const contrastWithWhite = (rgb: Rgb) => 1.05 / (luminance(rgb) + 0.05);

const darken = (rgb: Rgb, by: number): Rgb => rgb.map((c) => c * (1 - by)) as Rgb;

/**
 * The CSS variables that give the page an organization's accent colour instead of Mantine's blue:
 * filled buttons, links, the active navigation entry, focus rings. The colour is darkened (same hue)
 * until white text on it, and it as text on white, reach WCAG AA's 4.5:1, so that a pale brand colour
 * never makes "Continue" unreadable. Undefined for anything but #rrggbb.
 */
export function accentVariables(hex: string | null | undefined): Record<string, string> | undefined {
  let rgb = hex ? parse(hex) : undefined;
  if (!rgb) return undefined;
  while (contrastWithWhite(rgb) < 4.5) rgb = darken(rgb, 0.05);
  const base = toHex(rgb);
  const hover = toHex(darken(rgb, 0.12));
  const [r, g, b] = rgb.map(Math.round);
  const vars = {
    filled: base,
    'filled-hover': hover,
    light: `rgba(${r}, ${g}, ${b}, 0.1)`,
    'light-hover': `rgba(${r}, ${g}, ${b}, 0.15)`,
    'light-color': base,
  };
  return {
    ...Object.fromEntries(Object.entries(vars).flatMap(([k, v]) => [[`--mantine-color-blue-${k}`, v], [`--mantine-primary-color-${k}`, v]])),
    '--mantine-color-blue-8': base,
    '--mantine-color-anchor': base,
  };
}

/** While mounted, the page wears the accent colour (on the root element, so menus and dialogs do too). */
export function useAccentColor(hex: string | null | undefined): void {
  useEffect(() => {
    const vars = accentVariables(hex);
    if (!vars) return;
    const root = document.documentElement.style;
    for (const [name, value] of Object.entries(vars)) root.setProperty(name, value);
    return () => {
      for (const name of Object.keys(vars)) root.removeProperty(name);
    };
  }, [hex]);
}
