import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The part of Playwright's API used here (its types live in apps/web's own packages). */
interface Locator {
  first(): Locator;
  waitFor(o: { timeout: number }): Promise<void>;
}
interface Response {
  request(): { resourceType(): string };
  body(): Promise<Buffer>;
}
interface Page {
  on(event: 'response', f: (r: Response) => void): void;
  goto(url: string): Promise<unknown>;
  getByTestId(id: string): Locator;
}
interface Chromium {
  launch(o: { executablePath?: string; args: string[] }): Promise<{
    version(): string;
    close(): Promise<void>;
    newContext(o: Record<string, unknown>): Promise<{ newPage(): Promise<Page>; close(): Promise<void> }>;
  }>;
}

/**
 * The web UI in Chromium (the browser the browser tests use): the weight of the first screen (JS and CSS
 * the dashboard loads, raw and gzip-compressed) and the time from navigation to the dashboard showing data.
 */
export async function benchWebUi(base: string, token: string, projects: number): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const playwrightDir = path.join(root, 'apps/web/node_modules/@playwright/test');
  if (!fs.existsSync(path.join(root, 'apps/web/dist/index.html')) || !fs.existsSync(playwrightDir)) {
    console.log('\nWeb UI: skipped (apps/web is not built or its packages are not installed)');
    return;
  }
  const envFile = path.join(root, 'tools/browser.env');
  const executablePath = fs.existsSync(envFile) ? /^PLAYWRIGHT_CHROMIUM=(.*)$/m.exec(fs.readFileSync(envFile, 'utf8'))?.[1] || undefined : undefined;
  // apps/web has its own packages; Playwright is loaded from there.
  const { chromium } = require(playwrightDir) as { chromium: Chromium };
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const runs: number[] = [];
  let weight = { js: 0, css: 0, jsGzip: 0, cssGzip: 0, files: 0 };
  for (let i = 0; i < 6; i += 1) {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1366, height: 900 },
      storageState: { cookies: [], origins: [{ origin: base, localStorage: [{ name: 'kps.token', value: token }] }] },
    });
    const page = await context.newPage();
    const bodies: Array<Promise<{ type: string; body: Buffer }>> = [];
    if (i === 0) {
      page.on('response', (res) => {
        const type = res.request().resourceType();
        if (type === 'script' || type === 'stylesheet') bodies.push(res.body().then((body) => ({ type, body })));
      });
    }
    const start = Date.now();
    await page.goto(`${base}/dashboard`);
    await page.getByTestId('dashboard-ready').waitFor({ timeout: 120_000 });
    await page.getByTestId('attention-row').first().waitFor({ timeout: 120_000 });
    runs.push(Date.now() - start);
    if (i === 0) {
      for (const { type, body } of await Promise.all(bodies)) {
        const gz = gzipSync(body).length;
        weight = type === 'script' ? { ...weight, js: weight.js + body.length, jsGzip: weight.jsGzip + gz, files: weight.files + 1 } : { ...weight, css: weight.css + body.length, cssGzip: weight.cssGzip + gz, files: weight.files + 1 };
      }
    }
    await context.close();
  }
  await browser.close();
  const kb = (n: number) => +(n / 1024).toFixed(1);
  const warm = runs.slice(1).sort((a, b) => a - b);
  console.log(`\nWeb UI in Chromium (${browser.version()}), dashboard with ${projects} projects in the read model\n`);
  console.table([
    { what: 'first screen JS (dashboard)', files: weight.files, 'raw KiB': kb(weight.js), 'gzip KiB': kb(weight.jsGzip) },
    { what: 'first screen CSS (antd styles are CSS-in-JS)', files: '', 'raw KiB': kb(weight.css), 'gzip KiB': kb(weight.cssGzip) },
  ]);
  console.table([
    { what: 'navigation → dashboard showing data, first load (new browser context)', ms: runs[0] },
    { what: `navigation → dashboard showing data, median of ${warm.length} more new contexts`, ms: warm[Math.floor(warm.length / 2)] },
  ]);
}
