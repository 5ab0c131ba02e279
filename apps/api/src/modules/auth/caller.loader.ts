import { Inject, Injectable } from '@nestjs/common';
import { Duration } from 'luxon';
import type { AppConfig } from '../../../../../libs/config/src';
import type { Role } from '../../../../../libs/persistence/src/entities/user.entity';
import { APP_CONFIG } from '../../common/tokens';
import { CallerRepository } from './caller.repository';

/** The user a token names, as the database has it now. */
export interface LoadedUser {
  id: string;
  username: string;
  role: Role;
  unitId: string | null;
  unitPath: string | null;
  tokenVersion: number;
  mustChangePassword: boolean;
  /** The user's own language setting (null: follow Accept-Language). */
  locale: string | null;
  /** This token was signed out (logout). */
  revoked: boolean;
}

const MAX_ENTRIES = 10_000;

/**
 * Loads the caller of every request from the database, so that a removed user, a changed role or unit, a
 * bumped token version or a logged-out token takes effect at once. Rows are kept for a short while
 * (AUTH_USER_CACHE, 5 s by default) so a burst of requests costs one query; every change this process
 * makes forgets the affected entries immediately, other API processes see it when their entry expires.
 */
@Injectable()
export class CallerLoader {
  private readonly ttlMs: number;
  private readonly cache = new Map<string, { at: number; user: LoadedUser | undefined }>();

  constructor(
    private readonly callers: CallerRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = Duration.fromISO(config.auth.userCache).as('milliseconds');
  }

  async load(userId: string, tokenId: string): Promise<LoadedUser | undefined> {
    const key = `${userId}|${tokenId}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.user;
    const r = await this.callers.caller(userId, tokenId);
    const user: LoadedUser | undefined = r && {
      id: r.id, username: r.username, role: r.role, unitId: r.unit_id, unitPath: r.path,
      tokenVersion: r.token_version, mustChangePassword: r.must_change_password, locale: r.locale ?? null, revoked: r.revoked,
    };
    if (this.ttlMs > 0) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(key, { at: Date.now(), user });
    }
    return user;
  }

  /** Forgets what is cached about a user (after a change of role, unit, language, password, version or removal). */
  forgetUser(userId: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${userId}|`)) this.cache.delete(key);
  }

  /** Forgets every user of a unit subtree (after a unit moved). */
  forgetAll(): void {
    this.cache.clear();
  }
}
