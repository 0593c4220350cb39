// jsdom lacks the layout APIs Mantine and react-virtual call; these inert versions let components mount.
class InertResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

/** Installs matchMedia, ResizeObserver, scrollIntoView and element sizes once per test file. */
export function installJsdomPolyfills(): void {
  if (!window.matchMedia) {
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (query: string) => ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }),
    });
  }
  if (!('ResizeObserver' in window)) {
    Object.defineProperty(window, 'ResizeObserver', { configurable: true, value: InertResizeObserver });
  }
  Element.prototype.scrollIntoView ??= () => undefined;
  // Every element measures 800×400, so virtualized tables render their first rows as in a window.
  for (const [prop, value] of [
    ['clientWidth', 800],
    ['clientHeight', 400],
  ] as const) {
    Object.defineProperty(Element.prototype, prop, { configurable: true, get: () => value });
  }
}
