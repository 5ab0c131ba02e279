import { PageHeader } from '../../components/PageHeader';
import { Card, Col, List, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Dashboard, PortfolioTarget, Project, Status } from '../../api/types';
import { EChart } from '../../components/EChart';
import { PlanSelect } from '../../components/PlanSelect';
import { DataState } from '../../components/states';
import { Reasons, StatusTag } from '../../components/StatusTag';
import { date, dateTime, lateness, num, percent } from '../../format';
import { useDashboard, useProjects } from '../../hooks/api';
import { STATUS, STATUS_HEX } from '../../i18n/zh';

const CARDS: Status[] = ['red', 'yellow', 'green', 'done', 'closed'];

function StatusCards({ d }: { d: Dashboard }) {
  return (
    <Row gutter={[12, 12]}>
      <Col xs={12} sm={8} lg={4}>
        <Card size="small" data-testid="card-total">
          <Statistic title="项目总数" value={d.total} suffix="个" />
        </Card>
      </Col>
      {CARDS.map((s) => (
        <Col xs={12} sm={8} lg={4} key={s}>
          <Link to={`/projects?status=${s}`} aria-label={`${STATUS[s]}项目 ${d.byStatus[s]} 个`}>
            <Card size="small" data-testid={`card-${s}`} style={{ borderTop: `4px solid ${STATUS_HEX[s]}` }}>
              <Statistic title={STATUS[s]} value={d.byStatus[s]} suffix="个" styles={{ content: { color: STATUS_HEX[s] } }} />
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

function AttentionList({ status, planId }: { status: 'red' | 'yellow'; planId?: string }) {
  const q = useProjects({ status, planId, pageSize: 10 });
  return (
    <Card size="small" title={status === 'red' ? '逾期项目' : '预警项目'} extra={<Link to={`/projects?status=${status}${planId ? `&planId=${planId}` : ''}`}>全部</Link>} data-testid={`list-${status}`}>
      <DataState query={q} isEmpty={(p) => !p.items.length} empty={<Typography.Text type="secondary">{status === 'red' ? '没有逾期项目' : '没有预警项目'}</Typography.Text>}>
        {(page) => (
          <List<Project>
            size="small"
            dataSource={page.items}
            renderItem={(p) => (
              <List.Item data-testid="attention-row">
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <StatusTag status={p.status} />
                      <Link to={`/projects/${p.id}`}>{p.name}</Link>
                      <Typography.Text type="secondary">{p.leadUnitName}</Typography.Text>
                      {p.nextDeadline && status === 'red' && <Tag color="red">{lateness(p.nextDeadline) || `截止 ${dateTime(p.nextDeadline)}`}</Tag>}
                    </Space>
                  }
                  description={<Reasons reasons={p.statusReasons} />}
                />
              </List.Item>
            )}
          />
        )}
      </DataState>
    </Card>
  );
}

const targetLabel = (t: PortfolioTarget) => (t.planName ? `${t.name}（${t.planName}）` : t.name);
/** The unit a target counts in: schools, seats, person-times, yuan. */
function targetUnit(t: PortfolioTarget): string {
  const field = t.sumOf?.field ?? '';
  if (/seats/i.test(field)) return '个学位';
  if (/classes/i.test(field)) return '个班';
  if (/investment/i.test(field)) return '元';
  if (/personTimes/i.test(field) || t.kind === 'training_quota') return '人次';
  if (t.kind === 'teacher_rotation') return '人';
  return t.kind === 'school_construction' ? '所' : '个';
}

function Portfolio({ items }: { items: PortfolioTarget[] }) {
  if (!items.length) return <Typography.Text type="secondary">本计划未设置总体目标</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {items.map((t, i) => {
        const unit = targetUnit(t);
        const pct = t.target > 0 ? Math.min(100, Math.round((t.achieved / t.target) * 1000) / 10) : 0;
        const expected = t.target > 0 ? Math.min(100, Math.round((t.expected / t.target) * 1000) / 10) : undefined;
        return (
          <div key={i} data-testid="portfolio-target">
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text strong>{targetLabel(t)}</Typography.Text>
              <Typography.Text type="secondary">
                实际 {num(t.achieved, unit)} / 应完成 {num(t.expected, unit)} / 目标 {num(t.target, unit)}
              </Typography.Text>
            </Space>
            <Typography.Text type="secondary">截至{date(t.byDate)}；应完成进度 {expected ?? 0}%</Typography.Text>
            <Progress
              percent={pct}
              
              strokeColor={t.status ? STATUS_HEX[t.status] : undefined}
              aria-label={`${targetLabel(t)} 完成 ${pct}%`}
            />
          </div>
        );
      })}
    </Space>
  );
}

function UnitChart({ d }: { d: Dashboard }) {
  const option = useMemo(() => {
    const rows = d.ranking.slice(0, 15);
    const series = (['green', 'yellow', 'red'] as const).map((s) => ({
      name: STATUS[s],
      type: 'bar',
      stack: 'all',
      itemStyle: { color: STATUS_HEX[s] },
      data: rows.map((r) => (s === 'green' ? r.onTrack : s === 'yellow' ? r.yellow : r.red)),
    }));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'value', name: '个' },
      yAxis: { type: 'category', data: rows.map((r) => r.unitName), inverse: true },
      series,
    };
  }, [d]);
  return <EChart option={option} height={Math.max(220, Math.min(15, d.ranking.length) * 32 + 60)} testId="chart-by-unit" label="各单位项目状态分布图" />;
}

export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const planId = params.get('planId') ?? undefined;
  const q = useDashboard(planId);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="督办总览">
        <PlanSelect value={planId} onChange={(v) => setParams(v ? { planId: v } : {})} />
      </PageHeader>
      <DataState query={q}>
        {(d) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard-ready">
            <StatusCards d={d} />
            <Row gutter={[12, 12]}>
              <Col xs={24} lg={12}>
                <AttentionList status="red" planId={planId} />
              </Col>
              <Col xs={24} lg={12}>
                <AttentionList status="yellow" planId={planId} />
              </Col>
            </Row>
            <Row gutter={[12, 12]}>
              <Col xs={24} lg={12}>
                <Card size="small" title="各单位项目状态">
                  <UnitChart d={d} />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title="单位排名（按期率）">
                  <Table
                    size="small"
                    rowKey="unitId"
                    pagination={false}
                    scroll={{ y: 320 }}
                    dataSource={d.ranking}
                    columns={[
                      { title: '排名', render: (_v, _r, i) => i + 1, width: 56 },
                      { title: '单位', dataIndex: 'unitName' },
                      { title: '项目', dataIndex: 'projects', render: (n: number) => num(n, '个') },
                      { title: '逾期', dataIndex: 'red', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
                      { title: '按期率', dataIndex: 'onTrackRate', render: (r: number) => percent(r) },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
            <Card size="small" title="总体目标">
              <Portfolio items={d.portfolio} />
            </Card>
            <Card size="small" title={`逾期节点（${d.overdue.length}）`}>
              <Table
                size="small"
                rowKey={(r) => `${r.projectId}-${r.milestoneId}`}
                dataSource={d.overdue}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                locale={{ emptyText: '没有逾期节点' }}
                scroll={{ x: 640 }}
                columns={[
                  { title: '项目', dataIndex: 'projectName', render: (n: string, r) => <Link to={`/projects/${r.projectId}`}>{n}</Link> },
                  { title: '单位', dataIndex: 'unitName' },
                  { title: '节点', dataIndex: 'milestoneName' },
                  { title: '截止时间', dataIndex: 'dueAt', render: (v: string) => dateTime(v) },
                  { title: '逾期', dataIndex: 'dueAt', key: 'late', render: (v: string) => <Tag color="red">{lateness(v)}</Tag> },
                  { title: '督办级别', dataIndex: 'escalationLevel', render: (l: number) => (l ? `${l}级` : '—') },
                ]}
              />
            </Card>
          </Space>
        )}
      </DataState>
    </Space>
  );
}
