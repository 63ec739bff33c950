import { ActionIcon, Kbd, Modal, Table, Tooltip } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconKeyboard } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The keyboard shortcuts, listed in a dialog that "?" opens. */
export const SHORTCUTS = [
  { keys: ['/'], action: 'shortcuts.search' },
  { keys: ['j', 'k'], action: 'shortcuts.move' },
  { keys: ['Enter'], action: 'shortcuts.open' },
  { keys: ['g', 'i'], action: 'shortcuts.inbox' },
  { keys: ['1…6'], action: 'shortcuts.queues' },
  { keys: ['a'], action: 'shortcuts.assign' },
  { keys: ['s'], action: 'shortcuts.start' },
  { keys: ['p'], action: 'shortcuts.propose' },
  { keys: ['Alt', 'A'], action: 'shortcuts.approve' },
  { keys: ['?'], action: 'shortcuts.help' },
] as const;

export function ShortcutsHelp() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  useHotkeys([['shift+?', open]]);
  return (
    <>
      <Tooltip label={t('shortcuts.title')}>
        <ActionIcon variant="subtle" onClick={open} aria-label={t('shortcuts.title')}>
          <IconKeyboard size={20} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Modal opened={opened} onClose={close} title={t('shortcuts.title')}>
        <Table>
          <Table.Tbody>
            {SHORTCUTS.map((s) => (
              <Table.Tr key={s.action}>
                <Table.Td>
                  {s.keys.map((k) => (
                    <Kbd key={k} mr={4}>
                      {k}
                    </Kbd>
                  ))}
                </Table.Td>
                <Table.Td>{t(s.action)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </>
  );
}
