import { PickType } from '@nestjs/swagger';
import { ListProjectsQueryDto } from '../projects/projects.dto';

/** The dashboard over one plan (or all) and the projects a filter selects: kind, category, work type, tag, lead unit. */
export class DashboardQueryDto extends PickType(ListProjectsQueryDto, ['planId', 'unitId', 'kind', 'category', 'workType', 'tag'] as const) {}
