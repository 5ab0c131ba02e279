import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from '../../../../libs/persistence/src/entities/user.entity';

/** Who is calling, as the bearer token says. */
export interface Caller {
  userId: string;
  username: string;
  role: Role;
  unitId: string | null;
  /** The materialised path of the caller's unit: its scope is every unit whose path starts with it. */
  unitPath: string | null;
}

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest().caller);
