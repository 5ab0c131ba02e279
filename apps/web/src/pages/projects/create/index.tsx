import { App, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { useBlocker, useNavigate, useSearchParams } from 'react-router';
import { fetchClient, newIdempotencyKey } from '../../../api/client';
import type { Kind, Project } from '../../../api/types';
import { NumberFields, TARGET_FIELDS } from '../../../components/kindFields';
import { SubmitItem } from '../../../components/layouts';
import { PlanSelect } from '../../../components/PlanSelect';
import { useServerErrors } from '../../../components/serverForm';
import { useUnitAccounts, useUnits } from '../../../hooks/api';
import { KIND } from '../../../i18n/zh';

const STAGES = [
  ['approval', '立项'],
  ['design', '设计'],
  ['tendering', '招标'],
  ['construction_start', '开工'],
  ['topping_out', '主体封顶'],
  ['completion_acceptance', '竣工验收'],
] as const;

/** The extra part of the form for each kind: a new kind fails the type-check until it has one. */
const KIND_FORM: Record<Kind, () => React.ReactNode> = {
  school_construction: () => (
    <>
      <NumberFields fields={TARGET_FIELDS.school_construction} />
      <Typography.Paragraph type="secondary">各阶段日期可不填，按开学日期从模板倒排（立项 → 投入使用共七个阶段）。</Typography.Paragraph>
      {STAGES.map(([k, label]) => (
        <Form.Item key={k} name={['stageDates', k]} label={`${label}日期`}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      ))}
    </>
  ),
  teacher_rotation: () => (
    <>
      <Form.Item name={['targets', 'checkDate']} label="考核日期" rules={[{ required: true, message: '请选择考核日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <NumberFields fields={TARGET_FIELDS.teacher_rotation} />
    </>
  ),
  training_quota: () => (
    <>
      <Form.Item name={['targets', 'start']} label="培训周期开始" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name={['targets', 'end']} label="培训周期结束" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <NumberFields fields={TARGET_FIELDS.training_quota} />
    </>
  ),
  indicator: () => (
    <>
      <Form.Item name={['targets', 'direction']} label="达标方向" rules={[{ required: true, message: '请选择方向' }]}>
        <Select options={[{ value: '>=', label: '不低于阈值（≥）' }, { value: '<=', label: '不高于阈值（≤）' }]} />
      </Form.Item>
      <Form.Item name={['targets', 'measure']} label="度量" initialValue="ratio">
        <Select options={[{ value: 'ratio', label: '比例（0–1）' }, { value: 'count', label: '数量' }]} />
      </Form.Item>
      <NumberFields fields={TARGET_FIELDS.indicator} />
    </>
  ),
  generic: () => (
    <Form.List name="milestones" initialValue={[{}]}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Space key={f.key} align="baseline" wrap>
              <Form.Item name={[f.name, 'name']} label={`节点${i + 1}`} rules={[{ required: true, message: '请填写节点名称' }]}>
                <Input placeholder="节点名称" />
              </Form.Item>
              <Form.Item name={[f.name, 'dueDate']} label="截止日期" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker />
              </Form.Item>
              <Button type="link" onClick={() => remove(f.name)}>
                删除
              </Button>
            </Space>
          ))}
          <Button onClick={() => add({})}>添加节点</Button>
        </>
      )}
    </Form.List>
  ),
};

const day = (d: unknown) => (d && typeof d === 'object' && 'format' in d ? (d as Dayjs).format('YYYY-MM-DD') : d);
/** Dates to `YYYY-MM-DD`, empty values dropped. */
function toBody(v: unknown): unknown {
  if (v && typeof v === 'object' && 'format' in v) return day(v);
  if (Array.isArray(v)) return v.map(toBody);
  if (v && typeof v === 'object') {
    const e = Object.entries(v).map(([k, x]) => [k, toBody(x)] as const).filter(([, x]) => x !== undefined && x !== null && x !== '');
    return e.length ? Object.fromEntries(e) : undefined;
  }
  return v;
}

export default function CreateProjectPage() {
  const [form] = Form.useForm();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const kind = Form.useWatch('kind', form) as Kind | undefined;
  const unitId = Form.useWatch('leadUnitId', form) as string | undefined;
  const units = useUnits();
  const owners = useUnitAccounts(unitId, 'owner');
  const errors = useServerErrors(form);
  const key = useRef(newIdempotencyKey());
  // Unsaved edits: warn before leaving (a ref, so that the navigation after a successful submit is never held).
  const dirty = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state === 'blocked') {
      modal.confirm({ title: '离开此页？', content: '表单尚未提交，离开将丢失已填写的内容。', okText: '离开', cancelText: '留下', onOk: () => blocker.proceed(), onCancel: () => blocker.reset() });
    }
  }, [blocker, modal]);
  const create = useMutation({
    mutationFn: async (v: Record<string, unknown>) =>
      (await fetchClient.POST('/api/projects', { params: { header: { 'Idempotency-Key': key.current } as never }, body: toBody(v) as never })).data as unknown as Project,
    onMutate: () => errors.clear(),
    onSuccess: (p) => {
      dirty.current = false;
      message.success('项目已创建');
      qc.invalidateQueries({ queryKey: ['projects'] });
      qc.invalidateQueries({ queryKey: ['dashboard'] });
      navigate(`/projects/${p.id}`);
    },
    onError: (e) => errors.show(e),
  });
  const ownerOptions = owners.data?.items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.unitName}${u.isUnitHead ? '，单位负责人' : ''}）` }));
  // A new lead unit: the owner chosen for the old one no longer fits.
  useEffect(() => {
    if (unitId && form.getFieldValue('ownerUserId') && !owners.data?.items.some((u) => u.id === form.getFieldValue('ownerUserId'))) form.setFieldValue('ownerUserId', undefined);
  }, [unitId, owners.data, form]);
  return (
    <Card title={<Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>新建重点项目</Typography.Title>} style={{ maxWidth: 760 }}>
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ planId: params.get('planId') ?? undefined, kind: 'school_construction' }}
        onValuesChange={() => {
          dirty.current = true;
          key.current = newIdempotencyKey();
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="planId" label="所属计划" rules={[{ required: true, message: '请选择计划' }]}>
          <PlanSelect onChange={(v) => form.setFieldValue('planId', v)} value={Form.useWatch('planId', form)} allowClear={false} />
        </Form.Item>
        <Form.Item name="kind" label="项目类型" rules={[{ required: true }]}>
          <Select options={Object.entries(KIND).map(([value, label]) => ({ value, label }))} aria-label="项目类型" />
        </Form.Item>
        <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="leadUnitId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={units.data?.items.map((u) => ({ value: u.id, label: u.name }))} aria-label="牵头单位" />
        </Form.Item>
        <Form.Item
          name="ownerUserId"
          label="填报责任人"
          extra="牵头单位及其下属单位的责任人账号，由其填报进展"
          rules={[{ required: true, message: '请选择填报责任人' }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={ownerOptions}
            aria-label="填报责任人"
            disabled={!unitId}
            loading={owners.isFetching}
            placeholder={unitId ? '选择责任人' : '请先选择牵头单位'}
            notFoundContent={owners.isError ? '责任人名单加载失败' : '该单位还没有责任人账号，请联系管理员创建'}
          />
        </Form.Item>
        <Form.Item name="responsibleHead" label="责任人姓名">
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startDate" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="dueDate" label={kind === 'school_construction' ? '开学（投入使用）日期' : '完成时限'} rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        {kind && KIND_FORM[kind]()}
        <SubmitItem label="创建项目" loading={create.isPending} />
      </Form>
    </Card>
  );
}
