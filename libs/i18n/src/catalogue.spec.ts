import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CATALOGUES, formatDuration, renderMessage, renderText } from './render';
import { formatDay, formatDeadline, formatInstant, formatMoney, formatRatio, formatRuleRatio } from './format';
import { fromAcceptLanguage, LOCALES, readerLocale } from './locale';

const ROOT = join(__dirname, '../../..');
const SOURCE_DIRS = ['apps/api/src', 'apps/worker/src', 'workflows', 'activities', 'libs'];
/** First parts of message codes: status reasons, notices, channel texts, circular lines, errors. */
const NAMESPACES = ['field', 'deadline', 'rotation', 'indicator', 'training', 'school', 'milestone', 'stage', 'portfolio', 'quantity', 'delivery', 'notice', 'channel', 'error', 'import'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(spec|e2e-spec|workflow-spec)\.ts$/.test(name) ? [path] : [];
  });
}

/**
 * Every message code the code base can store: dotted `code: '…'` literals (templates become patterns), audit event types
 * recorded by workflows (`audit.<type>`), and the codes listed in this library's own code tables.
 */
function codesInSource(): Array<{ code: RegExp; where: string }> {
  const found: Array<{ code: RegExp; where: string }> = [];
  for (const file of SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)))) {
    if (file.includes(`${join('libs', 'i18n', 'src', 'catalogue')}`)) continue;
    const text = readFileSync(file, 'utf8');
    const where = relative(ROOT, file);
    const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const m of text.matchAll(/\bcode: '([a-z][a-z0-9_-]*\.[a-z0-9_.-]+)'/g)) found.push({ code: new RegExp(`^${literal(m[1])}$`), where });
    for (const m of text.matchAll(/\bcode: `([a-z][a-z0-9_-]*\.[a-z0-9_.${}-]+)`/g)) {
      found.push({ code: new RegExp(`^${m[1].split(/\$\{[^}]+\}/).map(literal).join('[a-z0-9_.-]+')}$`), where });
    }
    for (const m of text.matchAll(/\brecord\('([a-z][a-z.-]+)'/g)) found.push({ code: new RegExp(`^audit\\.${literal(m[1])}$`), where });
    for (const m of text.matchAll(/\bmessageCode\('([a-z][a-z0-9_.-]+)'\)/g)) found.push({ code: new RegExp(`^${literal(m[1])}$`), where });
    // Messages a renderer asks for by name (circular documents, channel messages).
    for (const m of text.matchAll(/\bsay\('([a-z][a-z0-9_-]*\.[a-z0-9_.-]+)'/g)) found.push({ code: new RegExp(`^${literal(m[1])}$`), where });
    // Codes handed around as plain literals (a verdict helper's argument): any literal in a message namespace.
    for (const m of text.matchAll(new RegExp(`(?<!record\\()'((?:${NAMESPACES.join('|')})\\.[a-z][a-z0-9-]*(?:\\.[a-z][a-z0-9-]*)?)'`, 'g'))) {
      found.push({ code: new RegExp(`^${literal(m[1])}$`), where });
    }
  }
  return found;
}

/** A notice's code stands for its `.title` and `.body` messages. */
const codesOf = (locale: (typeof LOCALES)[number]) => Object.keys(CATALOGUES[locale]).map((k) => k.replace(/\.(title|body)$/, ''));

describe('message catalogue', () => {
  it('has a zh-CN and an en message for every code used anywhere in the code base', () => {
    const used = codesInSource();
    expect(used.length).toBeGreaterThan(30);
    expect(used.map((u) => u.code.source)).toEqual(expect.arrayContaining(["^deadline\\.overdue$", "^audit\\.status\\.changed$"]));
    const missing = LOCALES.flatMap((locale) =>
      used.filter(({ code }) => !codesOf(locale).some((k) => code.test(k))).map(({ code, where }) => `${locale}: ${code.source} (${where})`),
    );
    expect(missing).toEqual([]);
  });

  it('gives every notice both a title and a body', () => {
    for (const locale of LOCALES) {
      const keys = Object.keys(CATALOGUES[locale]);
      const titles = keys.filter((k) => k.endsWith('.title')).map((k) => k.slice(0, -'.title'.length));
      expect(keys.filter((k) => k.endsWith('.body')).map((k) => k.slice(0, -'.body'.length))).toEqual(titles);
    }
  });

  it('has the same codes in every language', () => {
    expect(Object.keys(CATALOGUES.en).sort()).toEqual(Object.keys(CATALOGUES['zh-CN']).sort());
  });

  it('renders every message in both languages without leaving a placeholder or float noise', () => {
    const sample = { milestone: '竣工验收', dueAt: '2026-11-01T23:59:59+08:00', rotationRate: 0.1 + 0.2 - 0.1, minRate: 0.1, value: 0.19999999999999996, level: 2, n: 3 };
    for (const locale of LOCALES) {
      for (const code of Object.keys(CATALOGUES[locale])) {
        const text = renderMessage(code, sample, { locale, now: Date.parse('2026-11-04T10:00:00+08:00') })!;
        expect(text).not.toMatch(/\{|\}|undefined|NaN|9999999|0000000/);
      }
    }
  });
});

describe('formatting for a Chinese reader', () => {
  it('writes instants in the plan zone and day deadlines as days', () => {
    expect(formatInstant('2026-11-01T15:59:59.000Z', 'zh-CN')).toBe('2026年11月1日 23:59');
    expect(formatInstant('2026-11-01T15:59:59.000Z', 'en')).toBe('1 Nov 2026, 23:59');
    expect(formatDeadline('2026-11-01T15:59:59.000Z', 'zh-CN', { referenceYear: 2026 })).toBe('11月1日');
    expect(formatDeadline('2026-11-01T15:59:59.000Z', 'zh-CN', { referenceYear: 2025 })).toBe('2026年11月1日');
    expect(formatDeadline('2026-11-01T10:30:00+08:00', 'zh-CN', { referenceYear: 2026 })).toBe('2026年11月1日 10:30');
    expect(formatDay('2027-01-05', 'zh-CN', { referenceYear: 2026 })).toBe('2027年1月5日');
  });

  it('writes money in 元 and 万元 with grouping, ratios as percentages', () => {
    expect(formatMoney(49_000_000, 'zh-CN')).toBe('4,900万元');
    expect(formatMoney(1_234_500, 'zh-CN')).toBe('123.45万元');
    expect(formatMoney(9_800, 'zh-CN')).toBe('9,800元');
    expect(formatMoney(49_000_000, 'en')).toBe('¥49,000,000');
    expect(formatRatio(0.08, 'zh-CN')).toBe('8.0%');
    expect(formatRatio(0.19999999999999996, 'zh-CN')).toBe('20.0%');
    expect(formatRatio(0.0999, 'zh-CN')).toBe('9.99%');
    expect(formatRuleRatio(0.1, 'zh-CN')).toBe('10%');
  });

  it('says the rotation rule the way a plan does', () => {
    const params = { rotated: 8, eligible: 100, rotationRate: 0.08, required: 10, minRate: 0.1, missing: 2, checkDate: '2026-08-31', checkPassed: true };
    expect(renderMessage('rotation.rate-below-minimum', params, { now: Date.parse('2026-09-01T00:00:00+08:00') })).toMatch(/^轮岗比例8\.0%，低于10%的要求（.*检查日8月31日已过）$/);
  });
});

describe('lateness in the policy unit, with plurals', () => {
  const due = Date.parse('2026-10-30T17:00:00+08:00'); // a Friday
  const workdays = { years: {}, overrides: {} } as never;
  it('counts working days on a workdays calendar and days on a natural one', () => {
    const wednesday = Date.parse('2026-11-04T09:00:00+08:00'); // Wednesday: Mon, Tue, Wed are working days
    expect(formatDuration(due, wednesday, { locale: 'zh-CN', calendar: 'workdays', calendarData: workdays })).toBe('3个工作日');
    expect(formatDuration(due, wednesday, { locale: 'zh-CN', calendar: 'natural' })).toBe('5天');
    expect(formatDuration(due, wednesday, { locale: 'en', calendar: 'workdays', calendarData: workdays })).toBe('3 working days');
    expect(formatDuration(due, due + 25 * 3_600_000, { locale: 'en', calendar: 'natural' })).toBe('1 day');
    expect(formatDuration(due, due + 36 * 3_600_000, { locale: 'en', calendar: 'natural' })).toBe('2 days');
    expect(formatDuration(due, due + 3_600_000, { locale: 'en' })).toBe('1 hour');
    expect(formatDuration(due, due + 7_200_000, { locale: 'en' })).toBe('2 hours');
    expect(formatDuration(due, due + 40_000, { locale: 'zh-CN' })).toBe('40秒');
  });

  it('says how late a milestone is in the reason', () => {
    const reason = { code: 'deadline.overdue', params: { milestone: '竣工验收', dueAt: '2026-11-01T23:59:59+08:00' } };
    const now = Date.parse('2026-11-07T10:00:00+08:00'); // a Saturday
    expect(renderText(reason, { now, calendar: 'natural' })).toBe('“竣工验收”已逾期6天（截止时间11月1日），尚无审核通过的进展报告');
    expect(renderText(reason, { now, calendar: 'workdays', calendarData: workdays })).toBe('“竣工验收”已逾期5个工作日（截止时间11月1日），尚无审核通过的进展报告');
    expect(renderText(reason, { now, locale: 'en', calendar: 'natural' })).toBe('"竣工验收" is 6 days past its deadline 1 Nov without an accepted report');
  });

  it('keeps the stored prose of a text from before codes', () => {
    expect(renderText({ code: 'deadline.overdue', message: '"x" is 3 days past its deadline' })).toBe('"x" is 3 days past its deadline');
    expect(renderText({ code: 'no.such.code', params: {}, message: 'old text' })).toBe('old text');
  });
});

describe('reader locale', () => {
  it('takes the user setting, else Accept-Language, else Chinese', () => {
    expect(readerLocale('en', 'zh-CN')).toBe('en');
    expect(readerLocale(null, 'en-US,en;q=0.9')).toBe('en');
    expect(readerLocale(null, 'fr-FR, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(readerLocale(undefined, 'fr')).toBe('zh-CN');
    expect(fromAcceptLanguage('zh-TW')).toBeUndefined();
  });
});
