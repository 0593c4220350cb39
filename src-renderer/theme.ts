import { createTheme } from '@mantine/core';

/** One theme for light and dark: Mantine switches the palette, we only pick accents and focus rings. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  focusRing: 'always',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
});
