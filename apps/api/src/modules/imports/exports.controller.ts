import { Controller, Get, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { formatInstant, renderMessage, renderText } from '../../../../../libs/i18n/src';
import { Caller, CurrentCaller } from '../../common/auth';
import { InvalidInputError } from '../../common/errors';
import { DispatchService } from '../dispatch/dispatch.service';
import { ListDeliveriesQueryDto } from '../notifications/notifications.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { ReportsService } from '../reports/reports.service';
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
const REPORT_STATES: Record<string, string> = { submitted: '待审核', accepted: '已通过', returned: '已退回' };
const ROUND_STATES: Record<string, string> = { open: '报送中', closed: '已结束' };
const DELIVERY_STATES: Record<string, string> = { pending: '待发送', retrying: '重试中', delivered: '已送达', failed: '发送失败' };
const CHANNELS: Record<string, string> = { email: '邮件', webhook: '机器人' };
const required = (name: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new InvalidInputError(`${name}: must be the id of a ${name === 'planId' ? 'plan' : 'project'}`, [{ field: name, message: 'must be a UUID', code: 'field.uuid' }]) });
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
    private readonly reports: ReportsService,
    private readonly dispatch: DispatchService,
    private readonly notifications: NotificationsService,
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

  @Policy('project.read') @Get('reports.xlsx')
  @ApiQuery({ name: 'projectId', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiProduces(XLSX) @produces('The progress reports of a project (进展报告), as GET /api/projects/{id}/reports')
  async reportList(@CurrentCaller() caller: Caller, @Query('projectId', required('projectId')) projectId: string): Promise<StreamableFile> {
    type R = Awaited<ReturnType<ReportsService['list']>>[number];
    const rows = await this.reports.list(caller, projectId);
    const columns: ExportColumn<R>[] = [
      { header: '报送时间', width: 22, value: (r) => at(r.submittedAt) },
      { header: '节点', width: 16, value: (r) => r.milestoneId },
      { header: '进展情况', width: 60, value: (r) => r.narrative },
      { header: '审核状态', width: 10, value: (r) => REPORT_STATES[r.state] ?? r.state },
      { header: '审核意见', width: 30, value: (r) => r.reviewComment },
      { header: '审核时间', width: 22, value: (r) => at(r.reviewedAt) },
    ];
    return file(await listWorkbook('进展报告', columns, rows), '进展报告.xlsx');
  }

  @Policy('round.read') @Get('dispatch-rounds.xlsx')
  @ApiQuery({ name: 'planId', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiProduces(XLSX) @produces('The dispatch rounds of a plan (调度轮次), as GET /api/plans/{id}/dispatch-rounds')
  async roundList(@CurrentCaller() caller: Caller, @Query('planId', required('planId')) planId: string): Promise<StreamableFile> {
    type R = Awaited<ReturnType<DispatchService['listRounds']>>['items'][number];
    const rows = await allPages((page, pageSize) => this.dispatch.listRounds(caller, planId, page, pageSize));
    const columns: ExportColumn<R>[] = [
      { header: '开始时间', width: 22, value: (r) => at(r.openedAt) },
      { header: '截止时间', width: 22, value: (r) => at(r.closesAt) },
      { header: '状态', width: 10, value: (r) => ROUND_STATES[r.state] ?? r.state },
      { header: '发起方式', width: 10, value: (r) => (r.trigger === 'schedule' ? '定期' : '手动') },
      { header: '催报次数', width: 10, value: (r) => r.remindersSent },
      { header: '通报期数', width: 10, value: (r) => (r.circularNumber ? `第${r.circularNumber}期` : '') },
    ];
    return file(await listWorkbook('调度轮次', columns, rows), '调度轮次.xlsx');
  }

  @Policy('deliveries.read') @Get('notification-deliveries.xlsx')
  @ApiProduces(XLSX) @produces('Notification deliveries (通知发送记录), with the filters of GET /api/notification-deliveries')
  async deliveryList(@CurrentCaller() caller: Caller, @Query() q: ListDeliveriesQueryDto): Promise<StreamableFile> {
    type D = Awaited<ReturnType<NotificationsService['deliveries']>>['items'][number];
    const rows = await allPages((page, pageSize) => this.notifications.deliveries(caller, { ...q, page, pageSize }));
    const columns: ExportColumn<D>[] = [
      { header: '标题', width: 40, value: (d) => d.title },
      { header: '渠道', width: 8, value: (d) => CHANNELS[d.channel] ?? d.channel },
      { header: '接收人', width: 16, value: (d) => d.recipient },
      { header: '地址', width: 30, value: (d) => d.address },
      { header: '状态', width: 10, value: (d) => DELIVERY_STATES[d.state] ?? d.state },
      { header: '尝试次数', width: 10, value: (d) => d.attempts },
      { header: '最后错误', width: 40, value: (d) => d.lastError },
    ];
    return file(await listWorkbook('通知发送记录', columns, rows), '通知发送记录.xlsx');
  }
}
