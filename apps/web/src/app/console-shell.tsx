import { AppShell, Burger, Group, Menu, NavLink, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconFileImport as IconRegistry, IconInbox, IconLogout, IconSettings, IconUsersGroup } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { STAFF_LANGUAGES } from '@civicline/contracts';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { consoleApi } from '../api/console.ts';
import { can, hasRole, meKey, rememberMe, useMe } from '../features/auth/use-me.ts';
import { CallAnnouncer } from '../features/calls/call-announcer.tsx';
import { useCallStream } from '../features/calls/use-call-stream.ts';
import { ShortcutsHelp } from '../features/shortcuts/shortcuts-help.tsx';
import { NotificationBell } from '../features/notifications/notification-bell.tsx';

// The screen-pop's code loads when the first call comes in.
const ScreenPop = lazy(() => import('../features/calls/screen-pop.tsx').then((m) => ({ default: m.ScreenPop })));

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', ro: 'Română', ru: 'Русский' };

/** The signed-in frame: header with the user menu, navigation, and the page. */
export function ConsoleShell() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure();
  const locale = me.data?.locale;
  // Operators take the calls: their console listens for them on every page.
  const calls = useCallStream(hasRole(me.data, 'operator') && can(me.data, 'citizens.read'));
  // The UI speaks the user's language unless they chose another one in this tab.
  useEffect(() => {
    if (locale && !sessionStorage.getItem('civicline.lang') && i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [locale, i18n]);

  if (me.isPending && !me.data) return null;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const user = me.data;

  const logout = async () => {
    await consoleApi.logout().catch(() => undefined);
    rememberMe(null);
    client.setQueryData(meKey, null);
    client.clear();
    void navigate('/login');
  };
  const links = [
    { to: '/inbox', label: t('nav.inbox'), icon: IconInbox, show: true },
    { to: '/supervisor', label: t('nav.supervisor'), icon: IconUsersGroup, show: hasRole(user, 'supervisor', 'admin') },
    { to: '/admin', label: t('nav.admin'), icon: IconSettings, show: hasRole(user, 'admin') },
    { to: '/registry', label: t('registry.nav'), icon: IconRegistry, show: can(user, 'registry.record') },
  ];

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Text fw={700} size="lg" c="civic.8">
              CivicLine
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ShortcutsHelp />
            <NotificationBell />
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton aria-label={t('nav.userMenu', { name: user.displayName })}>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm" fw={500} truncate maw={180}>
                      {user.displayName}
                    </Text>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('nav.language')}</Menu.Label>
                {STAFF_LANGUAGES.map((l) => (
                  <Menu.Item
                    key={l}
                    lang={l}
                    onClick={() => {
                      sessionStorage.setItem('civicline.lang', l);
                      void i18n.changeLanguage(l);
                    }}
                    aria-current={i18n.language === l ? 'true' : undefined}
                  >
                    {LANGUAGE_NAMES[l]}
                    {i18n.language === l && <VisuallyHidden> ({t('common.selected')})</VisuallyHidden>}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item leftSection={<IconLogout size={14} aria-hidden />} onClick={() => void logout()}>
                  {t('nav.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        {links
          .filter((l) => l.show)
          .map((l) => (
            <NavLink
              key={l.to}
              component={RouterLink}
              to={l.to}
              label={l.label}
              leftSection={<l.icon size={18} aria-hidden />}
              active={location.pathname.startsWith(l.to)}
              onClick={close}
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <CallAnnouncer calls={calls.calls} />
        {calls.calls.length > 0 && (
          <Suspense fallback={null}>
            <ScreenPop calls={calls.calls} onDismiss={calls.dismiss} />
          </Suspense>
        )}
        <Outlet context={user} />
      </AppShell.Main>
    </AppShell>
  );
}
