// Renders a component inside Mantine, the way main.tsx mounts the app.
import type { ReactElement } from 'react';
import { MantineProvider } from '@mantine/core';
import { configure, render, type RenderResult } from '@testing-library/react';
import { theme } from '../../../src-renderer/theme';
import { installJsdomPolyfills } from './jsdom-polyfills';

installJsdomPolyfills();
// Mantine + jsdom can be slow on a busy 2-core machine; wait longer than the 1 s default before failing.
configure({ asyncUtilTimeout: 5000 });

/** Mounts `ui` under the app's Mantine theme. */
export function renderUi(ui: ReactElement): RenderResult {
  return render(<MantineProvider theme={theme}>{ui}</MantineProvider>);
}
