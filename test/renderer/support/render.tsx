// Renders a component inside Mantine, the way main.tsx mounts the app.
import type { ReactElement } from 'react';
import { MantineProvider } from '@mantine/core';
import { render, type RenderResult } from '@testing-library/react';
import { theme } from '../../../src-renderer/theme';
import { installJsdomPolyfills } from './jsdom-polyfills';

installJsdomPolyfills();

/** Mounts `ui` under the app's Mantine theme. */
export function renderUi(ui: ReactElement): RenderResult {
  return render(<MantineProvider theme={theme}>{ui}</MantineProvider>);
}
