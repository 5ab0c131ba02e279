import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { formatInstant, renderMessage, renderText } from '../../../../../libs/i18n/src';
import { Caller, CurrentCaller } from '../../common/auth';
import { Policy } from '../../policy/policy.decorator';
import { ListProjectsQueryDto } from '../projects/projects.dto';
import { ProjectsService } from '../projects/projects.service';
import { ListRectificationsQueryDto } from '../rectifications/rectifications.dto';
import { RectificationsService } from '../rectifications/rectifications.service';
import { allPages, ExportColumn, listWorkbook } from './workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const produces = (what: string) => ApiOkResponse({ description: `${what} as a workbook with Chinese headers, in the caller's scope`, content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } });
const file = (buffer: Buffer, name: string) => new StreamableFile(buffer, { type: XLSX, disposition: `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}` });

export const KIND_NAMES: Record<string, string> = { school_construction: '学校建设', teacher_rotation: '教师交流轮岗', training_quota: '培训任务', indicator: '指标达标', generic: '一般事项' };
const RECTIFICATION_STATES: Record<string, string> = { raised: '待整改', answered: '已反馈', returned: '已退回', signed_off: '已销号' };
const zh = { locale: 'zh-CN' as const };
const at = (v: string | null | undefined, zone?: string) => (v ? formatInstant(v, 'zh-CN', zone) : '');
type Coded = { code?: string; params?: Record<string, unknown> | null; message?: string };
const reasons = (list: Coded[] | null | undefined, zone?: string) => (list ?? []).map((r) => renderText(r as never, { ...zh, zone })).join('；');

/** Lists out as spreadsheets: the same rows the caller sees on screen, with the filters of the list. */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('api/exports')
export class ExportsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly rectifications: RectificationsService,
  ) {}

  @Policy('project.read') @Get('projects.xlsx')
  @ApiProduces(XLSX) @produces('Key projects (重点项目), with the filters of GET /api/projects')
  async projectsList(@CurrentCaller() caller: Caller, @Query() q: ListProjectsQueryDto): Promise<StreamableFile> {
    type P = Awaited<ReturnType<ProjectsService['list']>>['items'][number];
    const rows = await allPages((page, pageSize) => this.projects.list(caller, { ...q, page, pageSize }));
    const zone = (p: P) => (p.policy as { timeZone?: string } | null)?.timeZone;
    const columns: ExportColumn<P>[] = [
      { header: '项目名称', width: 40, value: (p) => p.name },
      { header: '类型', width: 14, value: (p) => KIND_NAMES[p.kind] ?? p.kind },
      { header: '牵头单位', width: 20, value: (p) => p.leadUnitName },
      { header: '状态', width: 8, value: (p) => renderMessage(`status.${p.status}`, {}, zh) ?? p.status },
      { header: '原因', width: 60, value: (p) => reasons(p.statusReasons as Coded[], zone(p)) },
      { header: '最近截止', width: 22, value: (p) => at(p.nextDeadline, zone(p)) },
      { header: '完成时限', width: 14, value: (p) => p.dueDate },
      { header: '责任人', width: 10, value: (p) => p.responsibleHead },
    ];
    return file(await listWorkbook('重点项目', columns, rows), '重点项目.xlsx');
  }

  @Policy('rectification.read') @Get('rectifications.xlsx')
  @ApiProduces(XLSX) @produces('Rectification items (整改事项), with the filters of GET /api/rectifications')
  async rectificationList(@CurrentCaller() caller: Caller, @Query() q: ListRectificationsQueryDto): Promise<StreamableFile> {
    type R = Awaited<ReturnType<RectificationsService['list']>>['items'][number];
    const rows = await allPages((page, pageSize) => this.rectifications.list(caller, { ...q, page, pageSize }));
    const columns: ExportColumn<R>[] = [
      { header: '整改事项', width: 36, value: (r) => r.title },
      { header: '整改单位', width: 20, value: (r) => r.unitName },
      { header: '状态', width: 10, value: (r) => RECTIFICATION_STATES[r.state] ?? r.state },
      { header: '是否逾期', width: 10, value: (r) => (r.overdue ? '逾期' : '') },
      { header: '整改期限', width: 22, value: (r) => at(r.dueAt) },
      { header: '问题描述', width: 60, value: (r) => r.description },
    ];
    return file(await listWorkbook('整改事项', columns, rows), '整改事项.xlsx');
  }
}
