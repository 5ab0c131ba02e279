import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { WriteThrottlerGuard } from '../../common/throttle';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';

/** Sign-in, and the guard that lets every other route through only with a valid bearer token. */
@Module({
  controllers: [AuthController],
  // The throttler after the auth guard: it counts writes by the caller the auth guard found.
  providers: [AuthService, AuthRepository, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_GUARD, useClass: WriteThrottlerGuard }],
  exports: [AuthService],
})
export class AuthModule {}
