import { Injectable } from '@nestjs/common';
import type { CircularContent } from '../../../../../activities/circulars/circular.content';
import { Caller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { IdempotencyService } from '../../common/idempotency';
import { ScopeService } from '../../common/scope';
import { DispatchGateway } from '../../temporal/dispatch.gateway';
import { circularSummaryView, IssueCircularDto, ListCircularsQueryDto } from './circulars.dto';
import { CircularsRepository } from './circulars.repository';

/** Numbered circulars: read from PostgreSQL, issued through Temporal. */
@Injectable()
export class CircularsService {
  constructor(
    private readonly circulars: CircularsRepository,
    private readonly scope: ScopeService,
    private readonly gateway: DispatchGateway,
    private readonly idempotency: IdempotencyService,
  ) {}

  async list(q: ListCircularsQueryDto) {
    const { rows, total } = await this.circulars.page(q.planId, q.page, q.pageSize);
    return { items: rows.map(circularSummaryView), page: q.page, pageSize: q.pageSize, total };
  }

  async get(id: string): Promise<ReturnType<typeof circularSummaryView> & CircularContent> {
    const c = await this.circulars.get(id);
    if (!c) throw new NotFoundError(`No circular ${id}`, 'id');
    return { ...c.content, ...circularSummaryView(c) };
  }

  async issue(caller: Caller, dto: IssueCircularDto, key?: string) {
    await this.scope.assertCoordinatesPlan(caller, dto.planId);
    return this.idempotency.run(`${caller.userId}:POST /api/circulars`, key, dto, 201, async (requestId) => {
      const issued = await this.gateway.issueCircular({ planId: dto.planId, issueKey: `request:${requestId}`, issuedBy: caller.userId });
      return this.get(issued.id);
    });
  }
}
