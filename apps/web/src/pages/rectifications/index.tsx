import { PageHeader } from '../../components/PageHeader';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { fetchClient, newIdempotencyKey } from '../../api/client';
import type { Page, Rectification } from '../../api/types';
import { ExportButton } from '../../components/ExportButton';
import { PlanSelect } from '../../components/PlanSelect';
import { useServerErrors } from '../../components/serverForm';
import { DataState, errorText } from '../../components/states';
import { dateTime, lateness } from '../../format';
import { useUnits } from '../../hooks/api';
import { useMe } from '../../hooks/useMe';
import { useUrlState } from '../../hooks/useUrlState';
import { label, RECT_SOURCE, RECT_STATE } from '../../i18n/zh';

function CreateForm({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm();
  const units = useUnits();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errors = useServerErrors(form);
  const key = useRef(newIdempotencyKey());
  const create = useMutation({
    mutationFn: async (v: { planId: string; unitId: string; title: string; description: string; dueDate: Dayjs; source: string }) =>
      fetchClient.POST('/api/rectifications', {
        params: { header: { 'Idempotency-Key': key.current } as never },
        body: { ...v, dueDate: v.dueDate.format('YYYY-MM-DD'), source: v.source as never },
      }),
    onMutate: () => errors.clear(),
    onSuccess: () => {
      key.current = newIdempotencyKey();
      message.success('整改事项已下发');
      form.resetFields();
      qc.invalidateQueries({ queryKey: ['rectifications'] });
      onDone();
    },
    onError: (e) => errors.show(e),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} onValuesChange={() => (key.current = newIdempotencyKey())} initialValues={{ source: 'inspection' }}>
      {errors.alert}
      <Form.Item name="planId" label="所属计划" rules={[{ required: true, message: '请选择计划' }]}>
        <PlanSelect onChange={(v) => form.setFieldValue('planId', v)} value={Form.useWatch('planId', form)} />
      </Form.Item>
      <Form.Item name="unitId" label="整改单位" rules={[{ required: true, message: '请选择单位' }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={units.data?.items.map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item name="title" label="问题" rules={[{ required: true, message: '请填写问题' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label="整改要求" rules={[{ required: true, message: '请填写整改要求' }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="dueDate" label="整改期限" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="source" label="来源">
        <Select options={Object.entries(RECT_SOURCE).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        下发整改
      </Button>
    </Form>
  );
}

export default function RectificationsPage() {
  const { access } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [s, set] = useUrlState(['planId', 'state', 'page'] as const);
  const [creating, setCreating] = useState(false);
  const [answering, setAnswering] = useState<Rectification | null>(null);
  const [answerForm] = Form.useForm<{ narrative: string }>();
  const page = Number(s.page ?? 1);
  const q = useQuery({
    queryKey: ['rectifications', s.planId ?? '', s.state ?? '', page],
    queryFn: async () =>
      (await fetchClient.GET('/api/rectifications', { params: { query: { planId: s.planId, state: s.state as never, page, pageSize: 20 } as never } })).data as unknown as Page<Rectification>,
  });
  const act = useMutation({
    mutationFn: async (a: { id: string; kind: 'answer' | 'signoff' | 'return'; text?: string }) =>
      a.kind === 'answer'
        ? fetchClient.POST('/api/rectifications/{id}/answer', { params: { path: { id: a.id }, header: { 'Idempotency-Key': newIdempotencyKey() } as never }, body: { narrative: a.text ?? '' } })
        : fetchClient.POST('/api/rectifications/{id}/verify', { params: { path: { id: a.id }, header: { 'Idempotency-Key': newIdempotencyKey() } as never }, body: { decision: a.kind, comment: a.kind === 'return' ? '整改不到位，请继续整改' : undefined } }),
    onSuccess: () => {
      message.success('已提交');
      setAnswering(null);
      answerForm.resetFields();
      qc.invalidateQueries({ queryKey: ['rectifications'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="整改事项">
        <Space wrap>
          <ExportButton path="/api/exports/rectifications.xlsx" query={{ planId: s.planId, state: s.state }} />
          {access.canCreateRectification && (
            <Button type="primary" onClick={() => setCreating(true)}>
              下发整改
            </Button>
          )}
        </Space>
      </PageHeader>
      <Space wrap>
        <PlanSelect value={s.planId} onChange={(v) => set({ planId: v })} />
        <Select aria-label="整改状态" placeholder="全部状态" allowClear style={{ minWidth: 140 }} value={s.state} onChange={(v) => set({ state: v })} options={[{ value: 'open', label: '未销号' }, ...Object.entries(RECT_STATE).map(([value, label]) => ({ value, label }))]} />
      </Space>
      <DataState query={q} isEmpty={(p) => !p.items.length} empty={<Card>没有整改事项</Card>}>
        {(p) => (
          <Table<Rectification>
            rowKey="id"
            dataSource={p.items}
            scroll={{ x: 760 }}
            pagination={{ current: page, pageSize: 20, total: p.total, hideOnSinglePage: true, onChange: (n) => set({ page: n }, false) }}
            columns={[
              { title: '问题', dataIndex: 'title' },
              { title: '整改单位', dataIndex: 'unitName' },
              { title: '期限', dataIndex: 'dueAt', render: (d: string, r) => <Space orientation="vertical" size={0}>{dateTime(d)}{r.overdue && r.state !== 'signed_off' && <Tag color="red">{lateness(d)}</Tag>}</Space> },
              { title: '状态', dataIndex: 'state', render: (st: string) => <Tag>{label(RECT_STATE, st, '其他状态')}</Tag> },
              {
                title: '操作',
                render: (_v, r) => (
                  <Space>
                    {access.canAnswerRectification && (r.state === 'raised' || r.state === 'returned') && (
                      <Button size="small" type="primary" onClick={() => setAnswering(r)}>
                        答复
                      </Button>
                    )}
                    {access.canCreateRectification && r.state === 'answered' && (
                      <>
                        <Button size="small" type="primary" onClick={() => act.mutate({ id: r.id, kind: 'signoff' })}>
                          销号
                        </Button>
                        <Button size="small" danger onClick={() => act.mutate({ id: r.id, kind: 'return' })}>
                          退回
                        </Button>
                      </>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </DataState>
      <Modal open={creating} title="下发整改事项" footer={null} onCancel={() => setCreating(false)} destroyOnHidden>
        <CreateForm onDone={() => setCreating(false)} />
      </Modal>
      <Modal
        open={!!answering}
        title={`答复：${answering?.title ?? ''}`}
        okText="提交答复"
        cancelText="取消"
        onCancel={() => setAnswering(null)}
        confirmLoading={act.isPending}
        onOk={() => answerForm.validateFields().then((v) => act.mutate({ id: answering!.id, kind: 'answer', text: v.narrative }))}
      >
        <Typography.Paragraph type="secondary">{answering?.description}</Typography.Paragraph>
        <Form form={answerForm} layout="vertical">
          <Form.Item name="narrative" label="整改情况" rules={[{ required: true, message: '请填写整改情况' }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
