import { Button, Menu, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notificationApi } from '../../api/notifications.ts';

/** The console bell: my unread notifications (new assignment, approval waiting, deadlines); opening one marks it read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const mine = useQuery({ queryKey: ['my-notifications'], queryFn: notificationApi.mine, refetchInterval: 30_000 });
  const unread = mine.data?.unread ?? 0;
  return (
    <Menu position="bottom-end" width={320}>
      <Menu.Target>
        {/* The menu's own button (it carries aria-haspopup); the count is its visible text. */}
        <Button variant="subtle" size="compact-md" leftSection={<IconBell size={20} aria-hidden />} aria-label={unread ? t('notif.bellCount', { count: unread }) : t('notif.bell')} data-testid="notification-bell">
          {unread > 0 ? (unread > 99 ? '99+' : String(unread)) : null}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('notif.bell')}</Menu.Label>
        {unread === 0 && <Text size="sm" px="sm" py="xs">{t('notif.bellEmpty')}</Text>}
        {(mine.data?.items ?? []).map((n) => (
          <Menu.Item
            key={n.id}
            onClick={() => {
              void notificationApi.markRead(n.id).then(() => client.invalidateQueries({ queryKey: ['my-notifications'] }));
              if (n.caseId) void navigate(`/cases/${n.caseId}`);
            }}
          >
            <Text size="sm" fw={500}>
              {t(`notif.kinds.${n.kind}`, { defaultValue: n.kind })}
            </Text>
            {n.registrationNumber && <Text size="xs">{n.registrationNumber}</Text>}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
