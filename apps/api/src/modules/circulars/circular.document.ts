import type { CircularContent } from '../../../../../activities/circulars/circular.content';
import { formatDay, formatInstant, Locale, MessageParams, renderMessage } from '../../../../../libs/i18n/src';

/** A cell of a circular's table: text, a whole number, or a ratio (0..1) shown as a percentage. */
export type CellValue = string | number | null;
export interface DocumentColumn {
  header: string;
  kind: 'text' | 'number' | 'percent';
}
export interface DocumentTable {
  columns: DocumentColumn[];
  rows: CellValue[][];
}
export interface DocumentSection {
  /** Stable key: overall, red, yellow, ranking, missing, rectifications. */
  key: string;
  heading: string;
  /** The spreadsheet's sheet name. */
  sheet: string;
  paragraphs: string[];
  table: DocumentTable;
}

/** A circular (督办通报) as an office issues it, in the reader's language: one model for xlsx, docx and the printed page. */
export interface CircularDocument {
  locale: Locale;
  docTitle: string;
  issuer: string;
  numberLine: string;
  dateLine: string;
  subject: string;
  title: string;
  sections: DocumentSection[];
  none: string;
}

/** What the API knows about a circular beyond its stored content: who issued it, in which zone. */
export interface CircularMeta {
  issuerUnit?: string | null;
  timeZone?: string;
}

/** Builds the document from a circular's content (its reasons already rendered in the reader's language). */
export function circularDocument(c: CircularContent, locale: Locale, meta: CircularMeta = {}): CircularDocument {
  const say = (code: string, params: MessageParams = {}) => renderMessage(code, params, { locale, zone: meta.timeZone, now: Date.parse(c.issuedAt) }) ?? code;
  const zone = meta.timeZone;
  const day = (iso: string | null | undefined) => (iso ? formatDay(iso, locale, { zone }) : '');
  const issuer = meta.issuerUnit ? say('circular.issuer', { unit: meta.issuerUnit }) : say('circular.issuer-default');
  const issuedDate = day(c.issuedAt);

  const total = c.ranking.reduce((n, u) => n + u.projects, 0);
  const red = c.redYellow.filter((p) => p.status === 'red');
  const yellow = c.redYellow.filter((p) => p.status === 'yellow');
  const green = Math.max(0, total - red.length - yellow.length);
  const round = c.round;
  const reportRate = round && round.projects > 0 ? round.reported / round.projects : null;
  const overallRows: CellValue[][] = [
    [say('circular.row.total'), total],
    [say('circular.row.green'), green],
    [say('circular.row.yellow'), yellow.length],
    [say('circular.row.red'), red.length],
    ...(round ? [[say('circular.row.round-projects'), round.projects], [say('circular.row.round-reported'), round.reported]] : []),
  ];
  const col = (code: string, kind: DocumentColumn['kind'] = 'text'): DocumentColumn => ({ header: say(code), kind });
  const projectRows = (list: typeof red) => list.map((p) => [p.projectName, p.unitName, p.reasons ?? ''] as CellValue[]);
  const projectColumns = [col('circular.col.project'), col('circular.col.unit'), col('circular.col.reasons')];
  const missingUnits = c.missingReports;

  const sections: DocumentSection[] = [
    {
      key: 'overall', heading: say('circular.section.overall'), sheet: say('circular.sheet.overall'),
      paragraphs: [
        ...(c.selection ? [say('circular.selection', { scope: selectionText(c.selection, say) })] : []),
        say('circular.overall', { issuedDate: c.issuedAt, total, green, yellow: yellow.length, red: red.length, redYellowShare: total ? (red.length + yellow.length) / total : 0 }),
        round
          ? say('circular.overall-round', { openedDate: day(round.openedAt), closedDate: day(round.closedAt ?? round.closesAt), projects: round.projects, reported: round.reported, missing: round.missing, reportRate: reportRate ?? 0 })
          : say('circular.overall-no-round'),
      ],
      table: {
        columns: [col('circular.col.item'), col('circular.col.value', 'number')],
        rows: overallRows,
      },
    },
    { key: 'red', heading: say('circular.section.red'), sheet: say('circular.sheet.red'), paragraphs: [], table: { columns: projectColumns, rows: projectRows(red) } },
    { key: 'yellow', heading: say('circular.section.yellow'), sheet: say('circular.sheet.yellow'), paragraphs: [], table: { columns: projectColumns, rows: projectRows(yellow) } },
    {
      key: 'ranking', heading: say('circular.section.ranking'), sheet: say('circular.sheet.ranking'), paragraphs: [],
      table: {
        columns: [
          col('circular.col.rank', 'number'), col('circular.col.unit-name'), col('circular.col.projects', 'number'), col('circular.col.on-time-rate', 'percent'),
          col('circular.col.overdue', 'number'), col('circular.col.missing-reports', 'number'),
        ],
        rows: c.ranking.map((u) => [u.rank, u.unitName, u.projects, u.onTimeRate, u.overdueCount, u.missingReports]),
      },
    },
    {
      key: 'missing', heading: say('circular.section.missing'), sheet: say('circular.sheet.missing'), paragraphs: [],
      table: { columns: [col('circular.col.unit-name'), col('circular.col.project'), col('circular.col.owner')], rows: missingUnits.map((m) => [m.unitName, m.projectName, m.ownerName]) },
    },
    {
      key: 'rectifications', heading: say('circular.section.rectifications'), sheet: say('circular.sheet.rectifications'), paragraphs: [],
      table: {
        columns: [col('circular.col.rectification'), col('circular.col.rectification-unit'), col('circular.col.deadline'), col('circular.col.state'), col('circular.col.overdue-flag')],
        rows: c.rectifications.map((r) => [
          r.title, r.unitName, formatInstant(r.dueAt, locale, zone), say('circular.state', { state: r.state }), say(r.overdue ? 'circular.yes' : 'circular.no'),
        ]),
      },
    },
  ];
  return {
    locale,
    docTitle: say('circular.doc-title'),
    issuer,
    numberLine: say('circular.number-line', { year: c.year, number: c.number }),
    dateLine: say('circular.date-line', { issuer, issuedDate }),
    subject: say('circular.subject', { plan: c.plan.name }),
    title: c.title,
    sections,
    none: say('circular.none'),
  };
}

/** What a circular on part of the plan covers, as a reader names it: "幼儿园、新建、“三年行动计划”、金水区教育局及下属单位". */
function selectionText(sel: NonNullable<CircularContent['selection']>, say: (code: string, params?: MessageParams) => string): string {
  return [
    ...(sel.kinds ?? []).map((k) => say(`kind.${k}`)),
    ...(sel.categories ?? []),
    ...(sel.workTypes ?? []),
    ...(sel.tags ?? []).map((t) => say('circular.selection-tag', { tag: t })),
    ...(sel.leadUnitName ? [say('circular.selection-unit', { unit: sel.leadUnitName })] : []),
  ].join(say('circular.selection-separator'));
}
