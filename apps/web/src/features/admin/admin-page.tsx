import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { CalendarAdmin } from './calendar-admin.tsx';
import { CategoriesAdmin } from './categories-admin.tsx';
import { DepartmentsAdmin } from './departments-admin.tsx';
import { MailboxesAdmin } from './mailboxes-admin.tsx';
import { MessagesAdmin } from './messages-admin.tsx';
import { PhoneLinesAdmin } from './phone-lines-admin.tsx';
import { ProvidersAdmin } from './providers-admin.tsx';
import { RegistersAdmin } from './registers-admin.tsx';
import { UsersAdmin } from './users-admin.tsx';
import { NotificationsAdmin } from './notifications-admin.tsx';

const TABS = ['categories', 'departments', 'users', 'registers', 'calendar', 'mailboxes', 'lines', 'providers', 'notifications', 'messages'] as const;

/** Administration: one tab per kind of setting. */
export function AdminPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tab = TABS.find((x) => pathname.startsWith(`/admin/${x}`)) ?? 'categories';
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('admin.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => v && void navigate(`/admin/${v}`)}>
        <Tabs.List>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {x === 'notifications' ? t('notif.tab') : t(`admin.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="categories" replace />} />
        <Route path="categories" element={<CategoriesAdmin />} />
        <Route path="departments" element={<DepartmentsAdmin />} />
        <Route path="users" element={<UsersAdmin />} />
        <Route path="registers" element={<RegistersAdmin />} />
        <Route path="calendar" element={<CalendarAdmin />} />
        <Route path="mailboxes" element={<MailboxesAdmin />} />
        <Route path="lines" element={<PhoneLinesAdmin />} />
        <Route path="providers" element={<ProvidersAdmin />} />
        <Route path="notifications" element={<NotificationsAdmin />} />
        <Route path="messages" element={<MessagesAdmin />} />
      </Routes>
    </Stack>
  );
}
