import { App, Button, DatePicker, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import dayjs from 'dayjs';
import { fetchClient, newIdempotencyKey } from '../../../../api/client';
import type { ExtensionRequest, Project, Report } from '../../../../api/types';
import { DataState, errorText } from '../../../../components/states';
import { useServerErrors } from '../../../../components/serverForm';
import { dateTime, num } from '../../../../format';
import { EXTENSION_STATE, FIGURE, label, REPORT_STATE, TRAINING_LEVEL } from '../../../../i18n/zh';
import { useMe } from '../../../../hooks/useMe';

const FIGURE_LABEL: Record<string, [string, string]> = {
  seatsDelivered: ['已建成学位', '个学位'],
  classesDelivered: ['已建成班级', '个班'],
  investmentSpent: ['累计完成投资', '元'],
  eligible: ['应交流教师', '人'],
  rotated: ['已交流教师', '人'],
  rotatedBackbone: ['其中骨干教师', '人'],
  averageHoursPerTeacher: ['人均学时', '学时'],
  value: ['指标值', ''],
};
/** Reported figures in words: `已建成学位 1,080 个学位，中小学教师 120 名`; a figure the catalogue lacks is named by the project's quantity, else 其他指标. */
export function figureText(figures: Record<string, unknown> | null | undefined, quantities: Array<{ figure: string; name?: string; unit?: string }> = []): string {
  if (!figures) return '';
  return Object.entries(figures)
    .flatMap(([k, v]) => {
      if (k === 'personTimes' && v && typeof v === 'object') return Object.entries(v).map(([l, n]) => `${label(TRAINING_LEVEL, l, '其他级别')}培训 ${num(n, '人次')}`);
      if (k === 'quantities' && v && typeof v === 'object')
        return Object.entries(v).map(([f, n]) => {
          const q = quantities.find((x) => x.figure === f);
          const [name, unit] = q?.name ? [q.name, q.unit ?? ''] : (FIGURE[f] ?? ['其他指标', '']);
          return `${name} ${num(n, unit)}`;
        });
      const [name, unit] = FIGURE_LABEL[k] ?? FIGURE[k] ?? ['其他指标', ''];
      return [`${name} ${num(v, unit)}`];
    })
    .join('，');
}

const REPORT_COLOR: Record<string, string> = { submitted: 'processing', accepted: 'success', returned: 'error' };

export function ReportsList({ project }: { project: Project }) {
  const { access } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [returning, setReturning] = useState<Report | null>(null);
  const [form] = Form.useForm<{ comment: string }>();
  const q = useQuery({
    queryKey: ['reports', project.id],
    queryFn: async () => (await fetchClient.GET('/api/projects/{id}/reports', { params: { path: { id: project.id } } })).data as unknown as Report[],
  });
  const review = useMutation({
    mutationFn: async ({ id, decision, comment }: { id: string; decision: 'accept' | 'return'; comment?: string }) =>
      fetchClient.POST('/api/reports/{id}/review', { params: { path: { id }, header: { 'Idempotency-Key': newIdempotencyKey() } as never }, body: { decision, comment } }),
    onSuccess: (_d, v) => {
      message.success(v.decision === 'accept' ? '已通过' : '已退回');
      setReturning(null);
      form.resetFields();
      qc.invalidateQueries({ queryKey: ['reports', project.id] });
      qc.invalidateQueries({ queryKey: ['projects'] });
      qc.invalidateQueries({ queryKey: ['events', project.id] });
      qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const milestoneName = (id: string | null) => project.milestones?.find((m) => m.id === id)?.name;
  return (
    <>
      <DataState query={q} isEmpty={(list) => !list.length} empty={<Typography.Text type="secondary">尚未提交报告</Typography.Text>}>
        {(list) => (
          <List<Report>
            dataSource={[...list].reverse()}
            renderItem={(r) => (
              <List.Item
                data-testid="report-row"
                actions={
                  access.canReview && r.state === 'submitted'
                    ? [
                        <Button key="a" type="primary" size="small" loading={review.isPending} onClick={() => review.mutate({ id: r.id, decision: 'accept' })}>
                          通过
                        </Button>,
                        <Button key="r" danger size="small" onClick={() => setReturning(r)}>
                          退回
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Tag color={REPORT_COLOR[r.state]}>{label(REPORT_STATE, r.state, '其他状态')}</Tag>
                      {r.milestoneId && <span>申请验收：{milestoneName(r.milestoneId) ?? r.milestoneId}</span>}
                      <Typography.Text type="secondary">{dateTime(r.submittedAt)}</Typography.Text>
                    </Space>
                  }
                  description={
                    <Space orientation="vertical" size={2}>
                      {figureText(r.figures, project.quantities) && <span>{figureText(r.figures, project.quantities)}</span>}
                      <Typography.Paragraph style={{ margin: 0 }}>{r.narrative}</Typography.Paragraph>
                      {r.evidence?.map((e) => (
                        <a key={e} href={e} target="_blank" rel="noreferrer">
                          {e}
                        </a>
                      ))}
                      {r.reviewComment && <Typography.Text type={r.state === 'returned' ? 'danger' : 'secondary'}>审核意见：{r.reviewComment}</Typography.Text>}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </DataState>
      <Modal
        open={!!returning}
        title="退回报告"
        okText="确定退回"
        cancelText="取消"
        confirmLoading={review.isPending}
        onCancel={() => setReturning(null)}
        onOk={() => form.validateFields().then((v) => review.mutate({ id: returning!.id, decision: 'return', comment: v.comment }))}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="comment" label="退回意见" rules={[{ required: true, message: '请填写退回意见' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function ExtensionsPanel({ project }: { project: Project }) {
  const { access } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ milestoneId: string; newDueAt: dayjs.Dayjs; reason: string }>();
  const errors = useServerErrors(form);
  const key = useRef(newIdempotencyKey());
  const q = useQuery({
    queryKey: ['extensions', project.id],
    queryFn: async () => (await fetchClient.GET('/api/projects/{id}/extension-requests', { params: { path: { id: project.id } } })).data as unknown as ExtensionRequest[],
  });
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['extensions', project.id] });
    qc.invalidateQueries({ queryKey: ['projects'] });
  };
  const request = useMutation({
    mutationFn: async (v: { milestoneId: string; newDueAt: dayjs.Dayjs; reason: string }) =>
      fetchClient.POST('/api/projects/{id}/milestones/{mid}/extension-requests', {
        params: { path: { id: project.id, mid: v.milestoneId }, header: { 'Idempotency-Key': key.current } as never },
        body: { newDueAt: v.newDueAt.tz('Asia/Shanghai').endOf('day').format('YYYY-MM-DDTHH:mm:ssZ'), reason: v.reason },
      }),
    onMutate: () => errors.clear(),
    onSuccess: () => {
      key.current = newIdempotencyKey();
      message.success('延期申请已提交');
      form.resetFields();
      refresh();
    },
    onError: (e) => errors.show(e),
  });
  const decide = useMutation({
    mutationFn: async ({ id, decision }: { id: string; decision: 'approve' | 'refuse' }) =>
      fetchClient.POST('/api/extension-requests/{id}/decision', { params: { path: { id }, header: { 'Idempotency-Key': newIdempotencyKey() } as never }, body: { decision } }),
    onSuccess: (_d, v) => {
      message.success(v.decision === 'approve' ? '已批准延期' : '已驳回延期');
      refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const open = (project.milestones ?? []).filter((m) => m.state !== 'accepted');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <DataState query={q} isEmpty={(list) => !list.length} empty={<Typography.Text type="secondary">没有延期申请</Typography.Text>}>
        {(list) => (
          <List<ExtensionRequest>
            size="small"
            dataSource={list}
            renderItem={(x) => (
              <List.Item
                data-testid="extension-row"
                actions={
                  access.canReview && x.state === 'pending'
                    ? [
                        <Button key="a" size="small" type="primary" onClick={() => decide.mutate({ id: x.id, decision: 'approve' })}>
                          批准
                        </Button>,
                        <Button key="r" size="small" danger onClick={() => decide.mutate({ id: x.id, decision: 'refuse' })}>
                          驳回
                        </Button>,
                      ]
                    : []
                }
              >
                <Space wrap>
                  <Tag>{label(EXTENSION_STATE, x.state, '其他状态')}</Tag>
                  <span>{project.milestones?.find((m) => m.id === x.milestoneId)?.name}</span>
                  <span>延至 {dateTime(x.newDueAt)}</span>
                  <Typography.Text type="secondary">{x.reason}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </DataState>
      {access.canReport && open.length > 0 && (
        <Form form={form} layout="vertical" onFinish={(v) => request.mutate(v)} onValuesChange={() => (key.current = newIdempotencyKey())}>
          {errors.alert}
          <Form.Item name="milestoneId" label="延期节点" rules={[{ required: true, message: '请选择节点' }]}>
            <Select options={open.map((m) => ({ value: m.id, label: `${m.name}（截止 ${dateTime(m.dueAt)}）` }))} aria-label="延期节点" />
          </Form.Item>
          <Form.Item name="newDueAt" label="申请延至" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label="延期理由" rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button htmlType="submit" loading={request.isPending}>
            申请延期
          </Button>
        </Form>
      )}
    </Space>
  );
}
