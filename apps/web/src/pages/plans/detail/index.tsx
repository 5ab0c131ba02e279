import { App, Button, Card, Descriptions, Form, InputNumber, List, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { fetchClient, newIdempotencyKey } from '../../../api/client';
import type { DispatchRound, Page, Plan } from '../../../api/types';
import { CircularTable } from '../../../components/CircularTable';
import { CoordinatorSelect } from '../../../components/CoordinatorSelect';
import { ExportButton } from '../../../components/ExportButton';
import { useServerErrors } from '../../../components/serverForm';
import { DataState, errorText } from '../../../components/states';
import { Reasons, StatusTag } from '../../../components/StatusTag';
import { date, dateTime, num } from '../../../format';
import { useAccountsOfRole } from '../../../hooks/api';
import { useMe } from '../../../hooks/useMe';
import { AUDIENCE, KIND, label, ROUND_STATE } from '../../../i18n/zh';
import { DetailHead } from '../../../components/layouts';

/** `P5D` → `5天`, `PT30S` → `30秒`. */
export function durationText(iso: unknown): string {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(String(iso ?? ''));
  if (!m) return String(iso ?? '—');
  return [m[1] && `${m[1]}天`, m[2] && `${m[2]}小时`, m[3] && `${m[3]}分钟`, m[4] && `${m[4]}秒`].filter(Boolean).join('') || '0';
}

function PolicyView({ policy }: { policy: Record<string, unknown> }) {
  const esc = (policy.escalations ?? []) as Array<{ after: string; level: number; notify: string[]; circular?: boolean }>;
  return (
    <Descriptions size="small" column={1}>
      <Descriptions.Item label="计时方式">{policy.calendar === 'natural' ? '自然日' : '工作日'}</Descriptions.Item>
      <Descriptions.Item label="预警">截止前 {durationText(policy.warningWindow)}</Descriptions.Item>
      <Descriptions.Item label="提醒">截止前 {((policy.reminders ?? []) as string[]).map(durationText).join('、')}</Descriptions.Item>
      <Descriptions.Item label="逐级督办">
        <Space orientation="vertical" size={0}>
          {esc.map((e) => (
            <span key={e.level}>
              {e.level}级：逾期 {durationText(e.after)} 后通知{e.notify.map((n) => label(AUDIENCE, n, '相关人员')).join('、')}
              {e.circular ? '，并予通报' : ''}
            </span>
          ))}
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The plan's coordinators by name; a coordinator or an admin changes the list by choosing accounts. */
function Coordinators({ plan }: { plan: Plan }) {
  const { access } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ coordinatorIds: string[] }>();
  const errors = useServerErrors(form, (f) => f.replace(/^coordinatorIds\[\d+\]/, 'coordinatorIds'));
  const { accounts } = useAccountsOfRole('coordinator', access.canCreatePlan);
  const save = useMutation({
    mutationFn: async (v: { coordinatorIds: string[] }) =>
      fetchClient.PATCH('/api/plans/{id}', { params: { path: { id: plan.id }, header: { 'Idempotency-Key': newIdempotencyKey() } as never }, body: { coordinatorIds: v.coordinatorIds ?? [] } }),
    onMutate: () => errors.clear(),
    onSuccess: () => {
      message.success('督办专员已更新');
      setOpen(false);
      qc.invalidateQueries({ queryKey: ['plans'] });
    },
    onError: (e) => errors.show(e),
  });
  const names = plan.coordinatorIds.map((id) => accounts.find((a) => a.id === id)).filter(Boolean).map((a) => `${a!.displayName}（${a!.unitName}）`);
  return (
    <Space wrap data-testid="plan-coordinators">
      <span>{names.length ? names.join('、') : plan.coordinatorIds.length ? `${plan.coordinatorIds.length} 位` : '未指定'}</span>
      {access.canCreatePlan && (
        <Button size="small" onClick={() => { form.setFieldsValue({ coordinatorIds: plan.coordinatorIds }); setOpen(true); }}>
          调整督办专员
        </Button>
      )}
      <Modal open={open} title="调整督办专员" okText="保存" cancelText="取消" confirmLoading={save.isPending} onCancel={() => setOpen(false)} onOk={() => form.validateFields().then((v) => save.mutate(v))} destroyOnHidden>
        {errors.alert}
        <Form form={form} layout="vertical">
          <Form.Item name="coordinatorIds" label="督办专员">
            <CoordinatorSelect />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function Schedule({ plan }: { plan: Plan }) {
  const { access } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const errors = useServerErrors(form, (f) => f.replace(/^calendar\./, ''));
  const q = useQuery({
    queryKey: ['schedule', plan.id],
    retry: false,
    queryFn: async () => {
      try {
        return (await fetchClient.GET('/api/plans/{id}/dispatch-schedule', { params: { path: { id: plan.id } } })).data as unknown as Record<string, unknown>;
      } catch (e) {
        if (e && typeof e === 'object' && 'status' in e && (e as { status: number }).status === 404) return null;
        throw e;
      }
    },
  });
  const put = useMutation({
    mutationFn: async (v: { dayOfMonth: number; monthEvery?: number; hour?: number; reportingDays: number; paused?: boolean }) =>
      fetchClient.PUT('/api/plans/{id}/dispatch-schedule', {
        params: { path: { id: plan.id } },
        body: { calendar: { dayOfMonth: v.dayOfMonth, monthEvery: v.monthEvery || undefined, hour: v.hour ?? 9, minute: 0 }, reportingWindow: `P${v.reportingDays}D`, paused: !!v.paused },
      }),
    onMutate: () => errors.clear(),
    onSuccess: () => {
      message.success('调度安排已保存');
      qc.invalidateQueries({ queryKey: ['schedule', plan.id] });
    },
    onError: (e) => errors.show(e),
  });
  const remove = useMutation({
    mutationFn: async () => fetchClient.DELETE('/api/plans/{id}/dispatch-schedule', { params: { path: { id: plan.id } } }),
    onSuccess: () => {
      message.success('已删除调度安排');
      qc.invalidateQueries({ queryKey: ['schedule', plan.id] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <DataState query={q}>
      {(s) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {s ? (
            <Typography.Text data-testid="schedule">
              当前安排：{JSON.stringify(s.calendar ?? s.cron ?? '')} ，每轮填报 {durationText(s.reportingWindow)}
              {s.paused ? <Tag style={{ marginLeft: 8 }}>已暂停</Tag> : null}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">未设置定期调度</Typography.Text>
          )}
          {access.canDispatch && (
            <Form form={form} layout="inline" onFinish={(v) => put.mutate(v)} initialValues={{ dayOfMonth: 25, monthEvery: 1, hour: 9, reportingDays: 10, paused: !!s?.paused }}>
              {errors.alert}
              <Form.Item name="monthEvery" label="每隔（月）">
                <InputNumber min={1} max={12} />
              </Form.Item>
              <Form.Item name="dayOfMonth" label="日" rules={[{ required: true }]}>
                <InputNumber min={1} max={31} />
              </Form.Item>
              <Form.Item name="hour" label="时">
                <InputNumber min={0} max={23} />
              </Form.Item>
              <Form.Item name="reportingDays" label="填报期（天）" rules={[{ required: true }]}>
                <InputNumber min={1} max={60} />
              </Form.Item>
              <Form.Item name="paused" label="暂停" valuePropName="checked">
                <Switch />
              </Form.Item>
              <Button htmlType="submit" type="primary" loading={put.isPending}>
                保存安排
              </Button>
              {s && (
                <Popconfirm title="删除定期调度？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate()}>
                  <Button danger style={{ marginLeft: 8 }}>
                    删除
                  </Button>
                </Popconfirm>
              )}
            </Form>
          )}
        </Space>
      )}
    </DataState>
  );
}

function RoundDetail({ id }: { id: string }) {
  const q = useQuery({
    queryKey: ['round', id],
    refetchInterval: 5_000,
    queryFn: async () => (await fetchClient.GET('/api/dispatch-rounds/{id}', { params: { path: { id } } })).data as unknown as DispatchRound,
  });
  return (
    <DataState query={q}>
      {(r) => (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="round-detail">
          <Typography.Text strong>未报送（{r.missing?.length ?? 0}）</Typography.Text>
          <List
            size="small"
            dataSource={r.missing ?? []}
            locale={{ emptyText: '全部已报送' }}
            renderItem={(m) => (
              <List.Item data-testid="missing-row">
                {m.unitName} · <Link to={`/projects/${m.projectId}`} style={{ textDecoration: 'underline' }}>{m.projectName}</Link>
                {m.ownerName ? ` · ${m.ownerName}` : ''}
              </List.Item>
            )}
          />
          <Typography.Text strong>已报送（{r.reported?.length ?? 0}）</Typography.Text>
          <List size="small" dataSource={r.reported ?? []} locale={{ emptyText: '暂无' }} renderItem={(m) => <List.Item data-testid="reported-row">{m.unitName} · {m.projectName}</List.Item>} />
        </Space>
      )}
    </DataState>
  );
}

function Rounds({ plan }: { plan: Plan }) {
  const { access } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [days, setDays] = useState<number | null>(10);
  const q = useQuery({
    queryKey: ['rounds', plan.id],
    refetchInterval: 10_000,
    queryFn: async () => (await fetchClient.GET('/api/plans/{id}/dispatch-rounds', { params: { path: { id: plan.id } } })).data as unknown as Page<DispatchRound>,
  });
  const start = useMutation({
    mutationFn: async () =>
      fetchClient.POST('/api/plans/{id}/dispatch-rounds', { params: { path: { id: plan.id }, header: { 'Idempotency-Key': newIdempotencyKey() } as never }, body: { reportingWindow: `P${days ?? 10}D` } }),
    onSuccess: () => {
      message.success('已发起调度');
      qc.invalidateQueries({ queryKey: ['rounds', plan.id] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {access.canDispatch && (
        <Space wrap>
          <span>填报期</span>
          <InputNumber min={1} max={60} value={days} onChange={setDays} aria-label="填报期天数" />
          <span>天</span>
          <Button type="primary" onClick={() => start.mutate()} loading={start.isPending}>
            立即发起一轮调度
          </Button>
        </Space>
      )}
      <DataState query={q} isEmpty={(p) => !p.items.length} empty={<Typography.Text type="secondary">还没有调度轮次</Typography.Text>}>
        {(p) => (
          <Table<DispatchRound>
            rowKey="id"
            size="small"
            dataSource={p.items}
            pagination={false}
            expandable={{ expandedRowRender: (r) => <RoundDetail id={r.id} />, expandRowByClick: true }}
            onRow={() => ({ 'data-testid': 'round-row' }) as never}
            columns={[
              { title: '发起时间', dataIndex: 'openedAt', render: (d: string) => dateTime(d) },
              { title: '填报截止', dataIndex: 'closesAt', render: (d: string) => dateTime(d) },
              { title: '状态', dataIndex: 'state', render: (s: string) => <Tag>{label(ROUND_STATE, s, '其他状态')}</Tag> },
              { title: '通报', dataIndex: 'circularNumber', render: (n: number | null, r) => (n && r.circularId ? <Link to={`/circulars/${r.circularId}`}>第{n}期</Link> : '—') },
            ]}
          />
        )}
      </DataState>
    </Space>
  );
}

export default function PlanDetailPage() {
  const { id = '' } = useParams();
  const { access } = useMe();
  const q = useQuery({
    queryKey: ['plans', id],
    queryFn: async () => (await fetchClient.GET('/api/plans/{id}', { params: { path: { id } } })).data as unknown as Plan,
  });
  return (
    <DataState query={q}>
      {(p) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <DetailHead
            title={`${p.name}（${p.year}年）`}
            actions={
              <Space>
                <Link to={`/projects?planId=${p.id}`}>
                  <Button>查看项目</Button>
                </Link>
                {access.canCreateProject && (
                  <Link to={`/plans/${p.id}/import`}>
                    <Button>导入任务分解表</Button>
                  </Link>
                )}
                {access.canCreateProject && (
                  <Link to={`/projects/new?planId=${p.id}`}>
                    <Button type="primary">新建项目</Button>
                  </Link>
                )}
              </Space>
            }
          >
            <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
              <Descriptions.Item label="督办专员">
                <Coordinators plan={p} />
              </Descriptions.Item>
            </Descriptions>
            <PolicyView policy={p.policy} />
          </DetailHead>
          <Card size="small" title="总体目标">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={p.portfolio ?? []}
              locale={{ emptyText: '未设置总体目标' }}
              columns={[
                { title: '目标', dataIndex: 'name' },
                { title: '类型', dataIndex: 'kind', render: (k: string) => label(KIND, k, '其他类型') },
                { title: '完成日期', dataIndex: 'byDate', render: (d: string) => date(d) },
                { title: '实际 / 应完成 / 目标', render: (_v, t) => `${num(t.achieved)} / ${num(t.expected)} / ${num(t.target)}` },
                { title: '状态', dataIndex: 'status', render: (s, t) => (s ? <Space orientation="vertical" size={0}><StatusTag status={s} /><Reasons reasons={t.reasons} /></Space> : '—') },
              ]}
            />
          </Card>
          <Card size="small" title="定期调度">
            <Schedule plan={p} />
          </Card>
          <Card size="small" title="调度轮次" extra={<ExportButton path="/api/exports/dispatch-rounds.xlsx" query={{ planId: p.id }} />}>
            <Rounds plan={p} />
          </Card>
          <Card size="small" title="督办通报">
            <CircularTable planId={p.id} />
          </Card>
        </Space>
      )}
    </DataState>
  );
}
