import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../../../libs/persistence/src/entities/user.entity';

/** Who is calling: the user the bearer token names, as the database has it now. */
export interface Caller {
  userId: string;
  username: string;
  role: Role;
  unitId: string | null;
  /** The materialised path of the caller's unit: its scope is every unit whose path starts with it. */
  unitPath: string | null;
  /** The caller's own language setting (null: follow Accept-Language); see ReaderLocaleService. */
  locale?: string | null;
  /** The token's own id (jti), for logout. */
  tokenId: string;
  /** When the token expires, in seconds since the epoch. */
  tokenExpiresAt?: number;
}

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest().caller);

/** Routes a user who must change the password may still call (change it, sign out, see who they are). */
export const PASSWORD_CHANGE_EXEMPT = 'passwordChangeExempt';
export const AllowedBeforePasswordChange = () => SetMetadata(PASSWORD_CHANGE_EXEMPT, true);

/** Routes whose exposure is a setting (METRICS_ACCESS, API_DOCS_ACCESS): open, admin only, or off (404). */
export const EXPOSURE_KEY = 'exposure';
export const ExposedBySetting = (which: 'metrics' | 'apiDocs') => SetMetadata(EXPOSURE_KEY, which);
