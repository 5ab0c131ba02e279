import { Injectable } from '@nestjs/common';
import type { CircularContent } from '../../../../../activities/circulars/circular.content';
import { Caller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { Idempotent, IdempotencyService } from '../../common/idempotency';
import { AccessPolicy } from '../../policy/access.policy';
import { DispatchGateway } from '../../temporal/dispatch.gateway';
import { circularSummaryView, IssueCircularDto, ListCircularsQueryDto } from './circulars.dto';
import { CircularsRepository } from './circulars.repository';

/** Numbered circulars: read from PostgreSQL, issued through Temporal. */
@Injectable()
export class CircularsService {
  constructor(
    private readonly circulars: CircularsRepository,
    private readonly policy: AccessPolicy,
    private readonly gateway: DispatchGateway,
    private readonly idempotency: IdempotencyService,
  ) {}

  list(caller: Caller, q: ListCircularsQueryDto) {
    return this.circulars.page(this.policy.circulars(caller), q, circularSummaryView);
  }

  /** The circular as the caller may see it (AccessPolicy.circularView decides what of it). */
  async get(caller: Caller, id: string): Promise<ReturnType<typeof circularSummaryView> & CircularContent> {
    const c = this.policy.circularView(caller, await this.circulars.get(id), new NotFoundError(`No circular ${id}`, 'id'));
    return { ...c.content, ...circularSummaryView(c) };
  }

  async issue(caller: Caller, dto: IssueCircularDto, idem: Idempotent) {
    await this.policy.coordinatePlan(caller, dto.planId);
    return this.idempotency.run(idem, dto, 201, async (requestId) => {
      const issued = await this.gateway.issueCircular({ planId: dto.planId, issueKey: `request:${requestId}`, issuedBy: caller.userId });
      return this.get(caller, issued.id);
    });
  }
}
