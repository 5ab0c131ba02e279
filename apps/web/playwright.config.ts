import { defineConfig, devices } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** tools/browser.env names Debian's Chromium when Playwright's own browser could not be downloaded. */
function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM) return process.env.PLAYWRIGHT_CHROMIUM;
  const file = path.resolve(import.meta.dirname, '../../tools/browser.env');
  if (!fs.existsSync(file)) return undefined;
  const m = /^PLAYWRIGHT_CHROMIUM=(.*)$/m.exec(fs.readFileSync(file, 'utf8'));
  return m?.[1] || undefined;
}

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.pw\.ts$/,
  outputDir: './test-results',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: ['--no-sandbox'] },
  },
});
