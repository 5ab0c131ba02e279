import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessPolicy } from './access.policy';
import { AccessRepository } from './access.repository';
import { PolicyInterceptor } from './policy.interceptor';

/** The access policy, available to every module, and the check that every scoped route used it. */
@Global()
@Module({
  providers: [AccessPolicy, AccessRepository, { provide: APP_INTERCEPTOR, useClass: PolicyInterceptor }],
  exports: [AccessPolicy],
})
export class PolicyModule {}
