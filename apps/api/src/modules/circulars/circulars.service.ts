import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../../libs/config/src';
import { TooManyRequestsError } from '../../common/rate-limit';
import { APP_CONFIG } from '../../common/tokens';
import type { CircularContent } from '../../../../../activities/circulars/circular.content';
import { Caller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { Idempotent, IdempotencyService } from '../../common/idempotency';
import { AccessPolicy } from '../../policy/access.policy';
import { DispatchGateway } from '../../temporal/dispatch.gateway';
import { circularSummaryView, IssueCircularDto, ListCircularsQueryDto } from './circulars.dto';
import { CircularsRepository } from './circulars.repository';
import { DEFAULT_LOCALE, Locale } from '../../../../../libs/i18n/src';
import { ReaderLocaleService } from '../../common/i18n';
import { localizeCircular } from './circular.text';
import { circularDocument } from './circular.document';
import type { PortfolioFilter } from '../../../../../libs/domain/src/portfolio/portfolio';

/** Numbered circulars: read from PostgreSQL, issued through Temporal. */
@Injectable()
export class CircularsService {
  constructor(
    private readonly circulars: CircularsRepository,
    private readonly policy: AccessPolicy,
    private readonly gateway: DispatchGateway,
    private readonly idempotency: IdempotencyService,
    private readonly readers: ReaderLocaleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(caller: Caller, q: ListCircularsQueryDto) {
    return this.circulars.page(this.policy.circulars(caller), q, circularSummaryView);
  }

  /** The circular as the caller may see it (AccessPolicy.circularView decides what of it), its lines in the caller's language. */
  async get(caller: Caller, id: string, locale: Locale = DEFAULT_LOCALE): Promise<ReturnType<typeof circularSummaryView> & CircularContent> {
    return (await this.document(caller, id, locale)).content;
  }

  /** Each circular takes an official number and notifies every leader: at most CIRCULARS_PER_PLAN_PER_MINUTE on demand per plan. */
  private async limitOnDemand(planId: string): Promise<void> {
    const { n, oldest } = await this.circulars.onDemandInLastMinute(planId);
    const limit = this.config.limits.circularsPerPlanPerMinute;
    if (n >= limit) {
      const wait = Math.max(1, Math.ceil((new Date(oldest!).getTime() + 60_000 - Date.now()) / 1000));
      throw new TooManyRequestsError(`planId: at most ${limit} circulars on demand per plan per minute`, wait, 'error.circulars-per-minute', { limit });
    }
  }

  /** The circular's content with its lines in the reader's language, and the document an office issues from it. */
  async document(caller: Caller, id: string, locale: Locale = DEFAULT_LOCALE) {
    const c = await this.policy.circularView(caller, await this.circulars.get(id), new NotFoundError(`No circular ${id}`, 'id'));
    const calendarData = await this.readers.calendarData().catch(() => undefined);
    const content = localizeCircular({ ...c.content, ...circularSummaryView(c) } as ReturnType<typeof circularSummaryView> & CircularContent, locale, calendarData);
    return { content, doc: circularDocument(content, locale, { issuerUnit: c.issuer_unit, timeZone: c.time_zone }) };
  }

  async issue(caller: Caller, dto: IssueCircularDto, idem: Idempotent) {
    await this.policy.coordinatePlan(caller, dto.planId);
    return this.idempotency.run(idem, dto, 201, async (requestId) => {
      await this.limitOnDemand(dto.planId);
      const filter = dto.filter && Object.keys(dto.filter).length ? (dto.filter as PortfolioFilter) : undefined;
      const issued = await this.gateway.issueCircular({ planId: dto.planId, issueKey: `request:${requestId}`, issuedBy: caller.userId, ...(filter && { filter }) });
      return this.get(caller, issued.id);
    });
  }
}
