import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Search attributes of project workflows, so an operator can list e.g. the red projects of one plan in the
 * Temporal UI or with `temporal workflow list --query "ProjectStatus='red' AND PlanId='…'"`. Workflows upsert
 * them; every Temporal the product runs on registers them on its namespace first (the cluster mode does it
 * at start, compose and Kubernetes with the temporal-setup job: libs/cluster/src/setup-cli.ts).
 */
export const ProjectSearchAttributes = {
  ProjectStatus: defineSearchAttributeKey('ProjectStatus', 'KEYWORD'),
  PlanId: defineSearchAttributeKey('PlanId', 'KEYWORD'),
  LeadUnitId: defineSearchAttributeKey('LeadUnitId', 'KEYWORD'),
  ProjectKind: defineSearchAttributeKey('ProjectKind', 'KEYWORD'),
  NextDeadline: defineSearchAttributeKey('NextDeadline', 'DATETIME'),
} as const;

/** Name → type of every custom search attribute the workflows use, for registration. */
export const SEARCH_ATTRIBUTE_TYPES: Record<string, string> = Object.fromEntries(
  Object.values(ProjectSearchAttributes).map((key) => [key.name, key.type]),
);
