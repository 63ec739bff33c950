import { Button, Loader } from '@mantine/core';
import { IconMessageCircle } from '@tabler/icons-react';
import type { Language } from '@civicline/contracts';
import { lazy, Suspense, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './chat.module.css';

// The panel is fetched when first wanted (or when the pointer or focus reaches the button), so the
// portal's first load stays within its budget.
const loadPanel = () => import('./chat-panel.tsx');
const ChatPanel = lazy(loadPanel);

const OPEN_KEY = 'civicline.chat.open';

/**
 * The chat's floating button on every portal page; it opens the panel beside it (not a modal: the
 * page stays usable). Escape closes the panel and gives the focus back to the button.
 */
export function ChatLauncher({ slug, lang, entryPointId }: { slug: string; lang: Language; entryPointId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => window.sessionStorage.getItem(OPEN_KEY) === '1');
  // Focus goes to the panel only when the citizen opened it now, not when a page load restores it.
  const [openedNow, setOpenedNow] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const toggle = (next: boolean) => {
    setOpen(next);
    setOpenedNow(next);
    try {
      window.sessionStorage.setItem(OPEN_KEY, next ? '1' : '0');
    } catch {
      // Storage switched off: the panel just does not stay open across pages.
    }
    if (!next) button.current?.focus();
  };

  return (
    <div
      className={classes.launcher}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          toggle(false);
        }
      }}
    >
      {open && (
        <div id={panelId}>
          <Suspense fallback={<Loader aria-label={t('portal.loading')} />}>
            <ChatPanel slug={slug} lang={lang} entryPointId={entryPointId} mode="floating" onClose={() => toggle(false)} autoFocus={openedNow} />
          </Suspense>
        </div>
      )}
      <Button
        ref={button}
        size="md"
        radius="xl"
        leftSection={<IconMessageCircle aria-hidden size={20} />}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => toggle(!open)}
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
        data-testid="chat-open"
      >
        {t('chat.open')}
      </Button>
    </div>
  );
}
