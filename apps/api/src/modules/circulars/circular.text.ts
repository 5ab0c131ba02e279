import type { CircularContent } from '../../../../../activities/circulars/circular.content';
import type { CalendarData } from '../../../../../libs/domain/src/calendar';
import { Locale, renderText } from '../../../../../libs/i18n/src';

/** The circular's lines in the reader's language: each red or yellow project's reasons as one text, as of the issue date. */
export function localizeCircular<C extends CircularContent>(c: C, locale: Locale, calendarData?: CalendarData): C {
  const now = Date.parse(c.issuedAt);
  return {
    ...c,
    redYellow: c.redYellow.map((p) => {
      if (!p.reasonItems) return p; // issued before reasons were codes: the stored text stands
      const ctx = { locale, now, zone: p.timeZone, calendar: p.calendar === 'natural' ? ('natural' as const) : ('workdays' as const), calendarData };
      return { ...p, reasons: p.reasonItems.map((r) => renderText(r, ctx)).join(locale === 'en' ? '; ' : '；') };
    }),
  };
}
