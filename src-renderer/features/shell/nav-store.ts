import { create } from 'zustand';

/** The screens of the app; a tiny store instead of a router, since Electron has one window and no URLs. */
export type Screen = 'status' | 'offline' | 'setup' | 'admin';

/** Which screen is showing. */
export interface NavStore {
  screen: Screen;
  go(screen: Screen): void;
}

/** The navigation store. */
export const useNavStore = create<NavStore>((set) => ({
  screen: 'status',
  go: (screen) => set({ screen }),
}));
