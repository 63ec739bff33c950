import { createBrowserRouter } from 'react-router';
import { PortalHome } from '../features/portal/portal-home.tsx';
import { PortalLayout } from '../features/portal/portal-layout.tsx';
import { StatusPage } from '../features/portal/status-page.tsx';
import { SubmitPage } from '../features/portal/submit-page.tsx';
import { PortalIndex } from '../features/portal/portal-index.tsx';
import { InboxPage } from '../features/portal/inbox-page.tsx';
import { ChatEmbedPage } from '../features/portal/chat/chat-embed-page.tsx';

export const PORTAL_BASE = '/portal';

export function createPortalRouter() {
  return createBrowserRouter(
    [
      { path: '/', element: <PortalIndex /> },
      // The chat alone, for an institution's own website to embed in an iframe.
      { path: '/:slug/chat', element: <ChatEmbedPage /> },
      {
        path: '/:slug',
        element: <PortalLayout />,
        children: [
          { index: true, element: <PortalHome /> },
          { path: 'new', element: <SubmitPage /> },
          { path: 'status', element: <StatusPage /> },
          { path: 'inbox', element: <InboxPage /> },
        ],
      },
    ],
    { basename: PORTAL_BASE },
  );
}
