import { DEMO_PASSWORD } from './browser.ts';

/** The staff API from the test itself (to learn what the page should show, or to set something up), signed in as a demo user. */
export async function apiAs(baseUrl: string, email: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (!login.ok) throw new Error(`login ${email}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async <T>(path: string, opts: { method?: string; body?: unknown } = {}): Promise<T> => {
    const method = opts.method ?? 'GET';
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}
