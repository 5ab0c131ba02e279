/** The languages the product speaks. Chinese first: the readers are education-bureau staff. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The supported locale a language tag stands for: `zh`, `zh-Hans-CN`, `zh-cn` → zh-CN; `en-GB` → en; anything else → undefined. */
export function matchLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) return lower.includes('hant') || /^zh-(tw|hk|mo)\b/.test(lower) ? undefined : 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/** Best supported locale of an `Accept-Language` header, by its q-values; undefined when none is supported. */
export function fromAcceptLanguage(header: string | undefined | null): Locale | undefined {
  if (!header || header.length > 512) return undefined;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag, weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((x) => x.tag && x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const { tag } of ranked) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return undefined;
}

/** The reader's language: their own setting, else what their client asks for, else Chinese. */
export function readerLocale(userLocale: string | undefined | null, acceptLanguage?: string | null): Locale {
  return (isLocale(userLocale) ? userLocale : undefined) ?? fromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
