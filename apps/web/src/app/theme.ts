import { Anchor, createTheme, darken, type CSSVariablesResolver } from '@mantine/core';

/**
 * WCAG 2.1 AA: every text colour must reach 4.5:1. Filled colours pick black or white text by
 * luminance (0.18 is where both reach 4.5:1); the "light" and "outline" variants, links and dimmed
 * text get darker shades than Mantine's defaults.
 */
export const theme = createTheme({
  primaryColor: 'civic',
  primaryShade: { light: 8, dark: 6 },
  autoContrast: true,
  luminanceThreshold: 0.18,
  colors: {
    civic: ['#e8f1fb', '#d0e1f5', '#a3c3ea', '#72a3de', '#4a87d3', '#306fc2', '#2562ad', '#1c4f8a', '#16427a', '#0f3363'],
  },
  defaultRadius: 'sm',
  // Links are underlined: told apart from text by more than colour.
  components: { Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }) },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': t.colors.gray[7]!,
    '--mantine-color-placeholder': t.colors.gray[7]!,
    '--mantine-color-anchor': t.colors.civic![8]!,
    // Error text and borders: Mantine's red.6 is 3.3:1 on white; this is over 6:1.
    '--mantine-color-error': darken(t.colors.red[9]!, 0.25),
  };
  for (const [name, shades] of Object.entries(t.colors)) {
    const dark = darken(shades[9]!, 0.35);
    light[`--mantine-color-${name}-light-color`] = dark;
    light[`--mantine-color-${name}-outline`] = dark;
    light[`--mantine-color-${name}-text`] = dark;
  }
  return { variables: {}, light, dark: {} };
};
