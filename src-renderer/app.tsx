import { Suspense, useEffect } from 'react';
import { AppShell, Burger, Center, Group, Loader, NavLink, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { managedOrganizations, useMeStore } from './features/account/me-store';
import { useSetupStore } from './features/setup/setup-store';
import { ColorSchemeToggle } from './features/shell/color-scheme-toggle';
import { useNavStore, type Screen } from './features/shell/nav-store';
import { SCREENS } from './features/shell/screens';

/** The window: header, navigation (admin only for Owners/Admins, R15), and the current screen; first run lands on Setup. */
export function App() {
  const [opened, { toggle, close }] = useDisclosure();
  const loaded = useSetupStore((s) => s.loaded);
  const configured = useSetupStore((s) => Boolean(s.server?.config) && Boolean(s.key?.hasKey));
  const loadSetup = useSetupStore((s) => s.load);
  const me = useMeStore((s) => s.me);
  const loadMe = useMeStore((s) => s.load);
  const screen = useNavStore((s) => s.screen);
  const go = useNavStore((s) => s.go);
  const isAdmin = managedOrganizations(me).length > 0;

  useEffect(() => {
    void loadSetup();
  }, [loadSetup]);
  useEffect(() => {
    if (configured) void loadMe();
  }, [configured, loadMe]);
  useEffect(() => {
    if (loaded && !configured) go('setup');
  }, [loaded, configured, go]);

  if (!loaded) {
    return (
      <Center h="100vh" role="status" aria-label="Loading">
        <Loader />
      </Center>
    );
  }
  const shown: Screen = !configured ? 'setup' : screen === 'admin' && !isAdmin ? 'status' : screen;
  const Page = SCREENS[shown];
  const items: { screen: Screen; label: string }[] = [
    { screen: 'status', label: 'Status' },
    { screen: 'offline', label: 'Offline license' },
    { screen: 'setup', label: 'Setup' },
    ...(isAdmin ? [{ screen: 'admin' as const, label: 'Admin console' }] : []),
  ];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={1} size="h3">
              Tessera
            </Title>
          </Group>
          <ColorSchemeToggle />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {items.map((item) => (
          <NavLink
            key={item.screen}
            component="button"
            label={item.label}
            active={shown === item.screen}
            aria-current={shown === item.screen ? 'page' : undefined}
            disabled={!configured && item.screen !== 'setup'}
            aria-disabled={!configured && item.screen !== 'setup'}
            onClick={() => {
              go(item.screen);
              close();
            }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense
          fallback={
            <Center h={200} role="status" aria-label="Loading">
              <Loader />
            </Center>
          }
        >
          <Page />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
