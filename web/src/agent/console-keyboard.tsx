import { Kbd, Modal, Table } from '@mantine/core';
import { type RefObject, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isTypingTarget } from './console-logic.ts';

export type ListKeyHandlers = {
  next: () => void;
  previous: () => void;
  open: () => void;
  help: () => void;
  search: RefObject<HTMLInputElement | null>;
};

/**
 * The list's keys, on the whole page: j/↓ and k/↑ move the selection, Enter opens it, / goes to the search field,
 * ? shows the help. Keys typed into a field, a menu or a dialog are theirs; Enter only opens from the list itself (a
 * focused row, or nothing focused), so links and buttons keep their own Enter.
 */
export function useListKeyboard(handlers: ListKeyHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTypingTarget(event.target)) return;
      const h = latest.current;
      const target = event.target as HTMLElement | null;
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          event.preventDefault();
          h.next();
          break;
        case 'k':
        case 'ArrowUp':
          event.preventDefault();
          h.previous();
          break;
        case 'Enter':
          if (target && target !== document.body && target.tagName !== 'TR') return;
          event.preventDefault();
          h.open();
          break;
        case '/':
          event.preventDefault();
          h.search.current?.focus();
          break;
        case '?':
          event.preventDefault();
          h.help();
          break;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

const SHORTCUTS = [
  { keys: ['j', '↓'], text: 'next' },
  { keys: ['k', '↑'], text: 'previous' },
  { keys: ['Enter'], text: 'open' },
  { keys: ['/'], text: 'search' },
  { keys: ['?'], text: 'help' },
] as const;

export function KeyboardHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('console.keys.title')}
      closeButtonProps={{ 'aria-label': t('console.keys.close') }}
    >
      <Table aria-label={t('console.keys.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('console.keys.key')}</Table.Th>
            <Table.Th>{t('console.keys.action')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map((shortcut) => (
            <Table.Tr key={shortcut.text}>
              <Table.Td>
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && ` ${t('console.keys.or')} `}
                    <Kbd>{key}</Kbd>
                  </span>
                ))}
              </Table.Td>
              <Table.Td>{t(`console.keys.${shortcut.text}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
