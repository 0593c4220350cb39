import { Alert, NavLink, createTheme, type CSSVariablesResolver } from '@mantine/core';

/** One theme for light and dark: Mantine switches the palette; shades are picked for WCAG AA contrast (axe-checked in e2e). */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  defaultRadius: 'md',
  focusRing: 'always',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
  components: {
    // Light alert titles in yellow/orange fall below 4.5:1; the colour stays on the icon and background.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    // The light active NavLink (indigo on pale indigo) is below 4.5:1; filled is well above.
    NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }),
  },
});

/** Darker "dimmed" and light-variant text than Mantine's defaults, which fall below 4.5:1. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Text of "light" buttons and badges on their pale (and hovered) background.
    '--mantine-color-indigo-light-color': 'var(--mantine-color-indigo-9)',
  },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
