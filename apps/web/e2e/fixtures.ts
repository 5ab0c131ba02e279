/** Thin helpers for the browser journeys: the organisation from the set-up, API calls for fixtures, a signed-in page per role. */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const STATE_FILE = path.join(import.meta.dirname, '../.e2e-state/org.json');
export interface Org {
  base: string;
  adminPassword: string;
  password: string;
  cityId: string;
  districtId: string;
  otherDistrictId: string;
  coordinatorId: string;
  leaderId: string;
  ownerId: string;
  headId: string;
  otherOwnerId: string;
}
export const org = (): Org => JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
export type Role = 'admin' | 'coordinator' | 'leader' | 'owner' | 'head' | 'other-owner';

const tokens = new Map<Role, string>();
export async function token(role: Role): Promise<string> {
  if (!tokens.has(role)) {
    const o = org();
    const res = await fetch(`${o.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: role, password: role === 'admin' ? o.adminPassword : o.password }),
    });
    expect(res.ok, `login ${role}`).toBe(true);
    tokens.set(role, ((await res.json()) as { accessToken: string }).accessToken);
  }
  return tokens.get(role)!;
}

export async function api<T = any>(role: Role, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(org().base + url, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await token(role)}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A browser context signed in as the role (its token in localStorage, as after the login form). */
export async function signedIn(browser: Browser, role: Role, opts: { width?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const o = org();
  const context = await browser.newContext({
    baseURL: o.base,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: opts.width ?? 1366, height: 900 },
    storageState: { cookies: [], origins: [{ origin: o.base, localStorage: [{ name: 'kps.token', value: await token(role) }] }] },
  });
  return { context, page: await context.newPage() };
}

export const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Saves a screenshot of a key screen under the test output folder, once it shows its content: no request under
 * way, no spinner, skeleton or half-faded loading table left, and the fades finished.
 */
export async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active, .ant-table-loading, .ant-spin-blur, .ant-btn-loading')).toHaveCount(0);
  await page.screenshot({ path: path.join(import.meta.dirname, '../test-results/screens', `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** No serious or critical axe violations on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

/** A plan whose deadlines run in seconds, created by the coordinator through the API. */
export async function secondScalePlan(name: string) {
  return api<{ id: string }>('coordinator', 'POST', '/api/plans', {
    name,
    year: 2026,
    policy: {
      calendar: 'natural',
      reminders: ['PT6S'],
      warningWindow: 'PT8S',
      escalations: [
        { after: 'PT2S', level: 1, notify: ['unitHead'] },
        { after: 'PT4S', level: 2, notify: ['office'] },
      ],
    },
  });
}

/** Opens the select named `label` and picks the option titled `option` from its own dropdown. */
export async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}
