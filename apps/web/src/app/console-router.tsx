import { Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/login-page.tsx';
import { CasePage } from '../features/cases/case-page.tsx';
import { InboxPage } from '../features/inbox/inbox-page.tsx';
import { ConsoleShell } from './console-shell.tsx';

// Pages few people open are loaded when first opened.
const SupervisorPage = lazy(() => import('../features/supervisor/supervisor-page.tsx').then((m) => ({ default: m.SupervisorPage })));
const AdminPage = lazy(() => import('../features/admin/admin-page.tsx').then((m) => ({ default: m.AdminPage })));
const CallPage = lazy(() => import('../features/calls/call-page.tsx').then((m) => ({ default: m.CallPage })));
const CitizenPage = lazy(() => import('../features/citizens/citizen-page.tsx').then((m) => ({ default: m.CitizenPage })));
const RegistrarPage = lazy(() => import('../features/registry/registrar-page.tsx').then((m) => ({ default: m.RegistrarPage })));
const later = (node: ReactNode) => <Suspense fallback={<Loader />}>{node}</Suspense>;

export const CONSOLE_BASE = '/console';

export function createConsoleRouter() {
  return createBrowserRouter(
    [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/',
        element: <ConsoleShell />,
        children: [
          { index: true, element: <Navigate to="/inbox" replace /> },
          { path: 'inbox', element: <InboxPage /> },
          { path: 'cases/:id', element: <CasePage /> },
          { path: 'citizens/:id', element: later(<CitizenPage />) },
          { path: 'supervisor', element: later(<SupervisorPage />) },
          { path: 'admin/*', element: later(<AdminPage />) },
          { path: 'calls/:id', element: later(<CallPage />) },
          { path: 'registry', element: later(<RegistrarPage />) },
          { path: '*', element: <Navigate to="/inbox" replace /> },
        ],
      },
    ],
    { basename: CONSOLE_BASE },
  );
}
