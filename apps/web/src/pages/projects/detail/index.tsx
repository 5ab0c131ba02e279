import { App, Alert, Button, Card, Col, Descriptions, Drawer, Form, Input, Modal, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { fetchClient, newIdempotencyKey } from '../../../api/client';
import type { Milestone, Page, Project, ProjectEvent } from '../../../api/types';
import { EChart } from '../../../components/EChart';
import { ExportButton } from '../../../components/ExportButton';
import { DataState, errorText } from '../../../components/states';
import { Reasons, StatusTag } from '../../../components/StatusTag';
import { date, dateTime, lateness, num, percent } from '../../../format';
import { useProject } from '../../../hooks/api';
import { useMe } from '../../../hooks/useMe';
import { EVENT_TYPE, KIND, label, MILESTONE_STATE, NEXT_EVENT, STATUS, STATUS_HEX, TRAINING_LEVEL } from '../../../i18n/zh';
import { ReportForm } from './components/ReportForm';
import { ExtensionsPanel, ReportsList } from './components/Reviews';
import { DetailHead } from '../../../components/layouts';

const STATE_COLOR: Record<string, string> = { accepted: 'green', submitted: 'blue', returned: 'red', open: 'default', pending: 'default' };

function MilestoneTimeline({ milestones }: { milestones: Milestone[] }) {
  return (
    <Timeline
      items={milestones.map((m) => ({
        color: m.state === 'accepted' ? 'green' : m.overdue ? 'red' : m.status === 'yellow' ? 'orange' : 'blue',
        content: (
          <div data-testid="milestone" data-state={m.state}>
            <Space wrap>
              <strong>{m.name}</strong>
              <Tag color={STATE_COLOR[m.state] ?? 'default'}>{label(MILESTONE_STATE, m.state, '其他状态')}</Tag>
              {m.overdue && m.state !== 'accepted' && <Tag color="red">{lateness(m.dueAt)}</Tag>}
              {m.escalationLevel > 0 && <Tag color="volcano">已升级至{m.escalationLevel}级督办</Tag>}
            </Space>
            <div>
              <Typography.Text type="secondary">截止 {dateTime(m.dueAt)}</Typography.Text>
              {m.acceptedAt && <Typography.Text type="secondary">；{dateTime(m.acceptedAt)} 验收</Typography.Text>}
            </div>
            {m.nextEvent?.at && (
              <div data-testid="next-event">
                <Typography.Text>
                  下一步：{dateTime(m.nextEvent.at)} 系统将{label(NEXT_EVENT, m.nextEvent.kind, '处理')}
                  {m.nextEvent.level ? `（${m.nextEvent.level}级）` : ''}
                </Typography.Text>
              </div>
            )}
            <Reasons reasons={m.status !== 'green' && m.state !== 'accepted' ? m.statusReasons : null} />
          </div>
        ),
      }))}
    />
  );
}

/** Targets against the latest reported figures, for the kinds that count. */
function MetricsChart({ project }: { project: Project }) {
  const option = useMemo(() => {
    const t = (project.targets ?? {}) as Record<string, unknown>;
    const rules = ((project.metrics as Record<string, unknown> | null)?.rules ?? {}) as Record<string, unknown>;
    const f = ((project.metrics as Record<string, unknown> | null)?.figures ?? rules.figures ?? {}) as Record<string, unknown>;
    const rows: Array<[string, number, number | undefined]> = [];
    if (project.kind === 'school_construction') {
      rows.push(['学位（个）', Number(t.seatsPlanned ?? 0), f.seatsDelivered as number | undefined]);
      rows.push(['班级（个）', Number(t.classesPlanned ?? 0), f.classesDelivered as number | undefined]);
    } else if (project.kind === 'training_quota') {
      const pt = (t.personTimes ?? {}) as Record<string, number>;
      const got = (f.personTimes ?? {}) as Record<string, number>;
      for (const [k, v] of Object.entries(pt)) rows.push([`${label(TRAINING_LEVEL, k, '其他级别')}（人次）`, v, got[k]]);
    }
    if (!rows.length) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r[0]) },
      yAxis: { type: 'value' },
      series: [
        { name: '目标', type: 'bar', data: rows.map((r) => r[1]), itemStyle: { color: '#8c8c8c' } },
        { name: '实际', type: 'bar', data: rows.map((r) => r[2] ?? 0), itemStyle: { color: STATUS_HEX.done } },
      ],
    };
  }, [project]);
  const m = (project.metrics ?? {}) as Record<string, unknown>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label="已验收节点">
          {num(m.milestonesAccepted)} / {num(m.milestonesTotal)} 个
        </Descriptions.Item>
        <Descriptions.Item label="加权进度">{percent(m.weightedProgress)}</Descriptions.Item>
      </Descriptions>
      {option && <EChart option={option} height={240} testId="chart-metrics" label="目标与实际完成对比图" />}
    </Space>
  );
}

function eventText(type: string, d: Record<string, unknown> | null): string {
  if (!d) return '';
  if (type === 'status.changed') return `${d.from ? label(STATUS, d.from, '其他') : '—'} → ${label(STATUS, d.to, '其他')}`;
  if (type === 'escalation.raised') return `升级至${d.level}级`;
  const parts = [d.comment, d.reason, d.dueAt ? `截止 ${dateTime(String(d.dueAt))}` : undefined, d.newDueAt ? `延至 ${dateTime(String(d.newDueAt))}` : undefined];
  return parts.filter(Boolean).join('；');
}

function AuditTrail({ projectId }: { projectId: string }) {
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['events', projectId, page],
    queryFn: async () => (await fetchClient.GET('/api/projects/{id}/events', { params: { path: { id: projectId }, query: { page, pageSize: 20 } as never } })).data as unknown as Page<ProjectEvent>,
  });
  return (
    <DataState query={q}>
      {(p) => (
        <Table<ProjectEvent>
          size="small"
          rowKey="seq"
          dataSource={p.items}
          pagination={{ current: page, pageSize: 20, total: p.total, onChange: setPage, hideOnSinglePage: true }}
          columns={[
            { title: '时间', dataIndex: 'at', render: (v: string) => dateTime(v), width: 170 },
            { title: '事项', dataIndex: 'type', render: (t: string) => label(EVENT_TYPE, t, '其他事项') },
            { title: '操作人', dataIndex: 'actor', render: (a: string | null, e: ProjectEvent) => (!a || a === 'system' ? '系统自动' : (e.actorName ?? '（已删除的账号）')) },
            {
              title: '内容',
              dataIndex: 'data',
              render: (d: Record<string, unknown> | null, e: ProjectEvent) => eventText(e.type, d),
            },
          ]}
        />
      )}
    </DataState>
  );
}

function CloseButton({ project }: { project: Project }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const close = useMutation({
    mutationFn: async (reason: string) =>
      fetchClient.POST('/api/projects/{id}/close', { params: { path: { id: project.id }, header: { 'Idempotency-Key': newIdempotencyKey() } as never }, body: { reason } }),
    onSuccess: () => {
      message.success('项目已关闭');
      setOpen(false);
      qc.invalidateQueries({ queryKey: ['projects'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        关闭项目
      </Button>
      <Modal open={open} title="关闭项目" okText="确定关闭" cancelText="取消" confirmLoading={close.isPending} onCancel={() => setOpen(false)} onOk={() => form.validateFields().then((v) => close.mutate(v.reason))}>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="关闭原因" rules={[{ required: true, message: '请填写关闭原因' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function ProjectDetailPage() {
  const { id = '' } = useParams();
  const q = useProject(id);
  const { access } = useMe();
  const [reporting, setReporting] = useState(false);
  return (
    <DataState query={q}>
      {(p) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <DetailHead
            title={p.name}
            tags={
              <>
                <StatusTag status={p.status} />
                {p.escalationLevel > 0 && <Tag color="volcano">{p.escalationLevel}级督办</Tag>}
              </>
            }
            actions={
              <Space wrap>
                {access.canReport && p.status !== 'closed' && (
                  <Button type="primary" onClick={() => setReporting(true)}>
                    填报进展
                  </Button>
                )}
                {access.canClose && p.status !== 'closed' && <CloseButton project={p} />}
                {access.canSeeWorkflow && (
                  <a href={`http://localhost:8233/namespaces/default/workflows/${encodeURIComponent(p.workflowId)}`} target="_blank" rel="noreferrer">
                    在 Temporal 中查看工作流
                  </a>
                )}
              </Space>
            }
          >
            {p.statusReasons && p.statusReasons.length > 0 && (
              <Alert
                style={{ marginTop: 12 }}
                type={p.status === 'red' ? 'error' : p.status === 'yellow' ? 'warning' : 'info'}
                showIcon
                title={<Reasons reasons={p.statusReasons} />}
                data-testid="status-reasons"
              />
            )}
            <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, sm: 2, lg: 3 }}>
              <Descriptions.Item label="类型">{label(KIND, p.kind, '其他类型')}</Descriptions.Item>
              <Descriptions.Item label="牵头单位">{p.leadUnitName}</Descriptions.Item>
              <Descriptions.Item label="填报责任人">
                <span data-testid="project-owner">{p.ownerName ? `${p.ownerName}（${p.ownerUnitName ?? p.leadUnitName ?? ''}）` : '—'}</span>
              </Descriptions.Item>
              {p.responsibleHead && p.responsibleHead !== p.ownerName && <Descriptions.Item label="责任人姓名">{p.responsibleHead}</Descriptions.Item>}
              <Descriptions.Item label="开始日期">{date(p.startDate)}</Descriptions.Item>
              <Descriptions.Item label="完成时限">{date(p.dueDate)}</Descriptions.Item>
              <Descriptions.Item label="最近截止">{dateTime(p.nextDeadline)}</Descriptions.Item>
              <Descriptions.Item label="所属计划">
                <Link to={access.canViewPlans ? `/plans/${p.planId}` : '#'}>查看计划</Link>
              </Descriptions.Item>
            </Descriptions>
          </DetailHead>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title="节点进度">
                <MilestoneTimeline milestones={p.milestones ?? []} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="完成情况">
                <MetricsChart project={p} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="进展报告" extra={<ExportButton path="/api/exports/reports.xlsx" query={{ projectId: p.id }} />}>
            <ReportsList project={p} />
          </Card>
          <Card size="small" title="延期申请">
            <ExtensionsPanel project={p} />
          </Card>
          <Card size="small" title="操作记录" data-testid="audit-trail">
            <AuditTrail projectId={p.id} />
          </Card>
          <Drawer open={reporting} onClose={() => setReporting(false)} title={`填报进展：${p.name}`} size={Math.min(480, window.innerWidth)}>
            <ReportForm project={p} onDone={() => setReporting(false)} />
          </Drawer>
        </Space>
      )}
    </DataState>
  );
}
