import { CalendarYearEntity } from './calendar-year.entity';
import { ExtensionRequestEntity } from './extension-request.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { MilestoneEntity } from './milestone.entity';
import { NotificationEntity } from './notification.entity';
import { PlanEntity } from './plan.entity';
import { ProjectEventEntity } from './project-event.entity';
import { ProjectEntity } from './project.entity';
import { ReportEntity } from './report.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

export {
  CalendarYearEntity, ExtensionRequestEntity, IdempotencyKeyEntity, MilestoneEntity, NotificationEntity, PlanEntity,
  ProjectEntity, ProjectEventEntity, ReportEntity, UnitEntity, UserEntity,
};
export * from './user.entity';

export const ENTITIES = [
  UnitEntity, UserEntity, PlanEntity, ProjectEntity, MilestoneEntity, ReportEntity, ExtensionRequestEntity,
  ProjectEventEntity, NotificationEntity, IdempotencyKeyEntity, CalendarYearEntity,
];
