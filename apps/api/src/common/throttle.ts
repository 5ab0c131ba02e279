import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** The named throttler every write counts against (per caller, or per address before sign-in); reads are not limited here. */
export const WRITES_THROTTLER = 'writes';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Runs after the auth guard, so a signed-in caller is counted by account, not by the address it shares with others. */
@Injectable()
export class WriteThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    return READS.has(ctx.switchToHttp().getRequest<{ method: string }>().method);
  }

  protected override async getTracker(req: Record<string, any>): Promise<string> {
    return req.caller?.userId ?? req.ip;
  }
}
