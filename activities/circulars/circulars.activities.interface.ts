import type { PortfolioFilter } from '../../libs/domain/src/portfolio/portfolio';

export interface IssueCircularInput {
  planId: string;
  /** One circular per key however often it is retried: `round:<roundId>` or `request:<requestId>`. */
  issueKey: string;
  roundId?: string;
  issuedBy?: string;
  /** A circular on part of the plan: only the projects this selects (kind, category, work type, tags, lead unit). */
  filter?: PortfolioFilter;
  /** Workflow time of the issue: fixes the year, the content and the date printed. */
  issuedAt: string;
}

export interface IssuedCircular {
  id: string;
  planId: string;
  year: number;
  number: number;
  title: string;
  /** One paragraph for the notices: counts of red and yellow projects, missing reports, open rectification items. */
  summary: string;
  /** Leaders, and the owners and heads of the plan's lead units. */
  recipientUserIds: string[];
}

export interface CircularActivities {
  /** Takes the plan's next number for the year and stores the circular in one transaction; a retry returns the same circular. */
  issueCircular(input: IssueCircularInput): Promise<IssuedCircular>;
}
