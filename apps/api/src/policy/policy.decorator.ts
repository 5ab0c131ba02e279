import { SetMetadata } from '@nestjs/common';
import type { Rule } from './access.rules';

export const POLICY_RULE = 'policyRule';

/** The access rule of a route (see RULES): every handler names one; a handler without one answers 500. */
export const Policy = (rule: Rule) => SetMetadata(POLICY_RULE, rule);
