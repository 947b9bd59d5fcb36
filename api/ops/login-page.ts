import { html } from './html';
import { page } from './layout';

/** `csrfToken` pairs with the login cookie set beside this page (login-csrf.ts). */
export function loginPage(csrfToken: string, error?: string): string {
  return page(
    'Log in',
    html`<form method="post" action="/ops/login">
      <input type="hidden" name="csrf_token" value="${csrfToken}">
      <p><label>Finance key <input type="password" name="api_key" autocomplete="off" required size="50"></label></p>
      <p><button type="submit">Log in</button></p>
    </form>
    <p>A finance key comes from <code>holdfast keys create --role finance</code>.</p>`,
    undefined,
    error ? { kind: 'error', text: error } : undefined,
  );
}
