import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { fetchClient, newIdempotencyKey } from '../../../api/client';
import type { Plan } from '../../../api/types';
import { CoordinatorSelect } from '../../../components/CoordinatorSelect';
import { SubmitItem } from '../../../components/layouts';
import { useServerErrors } from '../../../components/serverForm';
import { useMe } from '../../../hooks/useMe';
import { KIND } from '../../../i18n/zh';

type Unit = 'D' | 'H' | 'M' | 'S';
const UNITS = [
  { value: 'D', label: '天' },
  { value: 'H', label: '小时' },
  { value: 'M', label: '分钟' },
  { value: 'S', label: '秒' },
];
const AUDIENCES = [
  { value: 'owner', label: '填报责任人' },
  { value: 'unitHead', label: '单位一把手' },
  { value: 'office', label: '督办办公室' },
  { value: 'leader', label: '分管领导' },
];
/** `3 天` → `P3D`, `30 秒` → `PT30S`. */
export const isoDuration = (n: number, u: Unit) => (u === 'D' ? `P${n}D` : `PT${n}${u}`);

interface Values {
  name: string;
  year: number;
  coordinatorIds?: string[];
  calendar: 'workdays' | 'natural';
  warning: { n: number; u: Unit };
  reminders: Array<{ n: number; u: Unit }>;
  escalations: Array<{ n: number; u: Unit; notify: string[]; circular?: boolean }>;
  repeat?: { n?: number; u: Unit };
  portfolioTargets?: Array<{ name: string; kind: string; count: number; byDate: Dayjs }>;
}

export default function CreatePlanPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const { me } = useMe();
  // Fields of the readable editor map onto the policy's paths.
  const errors = useServerErrors(form, (f) =>
    f.replace(/^coordinatorIds\[\d+\]/, 'coordinatorIds').replace(/^policy\.reminders/, 'reminders').replace(/^policy\.escalations\[(\d+)\]\.after/, 'escalations[$1].n').replace(/^policy\.escalations/, 'escalations').replace(/^policy\.warningWindow/, 'warning.n'),
  );
  const create = useMutation({
    mutationFn: async (v: Values) => {
      const policy = {
        calendar: v.calendar,
        warningWindow: isoDuration(v.warning.n, v.warning.u),
        reminders: v.reminders.map((r) => isoDuration(r.n, r.u)),
        escalations: v.escalations.map((e, i) => ({ after: isoDuration(e.n, e.u), level: i + 1, notify: e.notify, ...(e.circular ? { circular: true } : {}) })),
        ...(v.repeat?.n ? { repeatEvery: isoDuration(v.repeat.n, v.repeat.u) } : {}),
      };
      const portfolioTargets = (v.portfolioTargets ?? []).map((t, i) => ({ id: `t${i + 1}`, name: t.name, kind: t.kind, count: t.count, byDate: t.byDate?.format('YYYY-MM-DD') }));
      return (await fetchClient.POST('/api/plans', { params: { header: { 'Idempotency-Key': key.current } as never }, // The API documents policy and portfolioTargets only as free objects (validated by the domain rules).
        body: { name: v.name, year: v.year, coordinatorIds: v.coordinatorIds?.length ? v.coordinatorIds : undefined, circularSeries: 'office_year', policy: policy as never, portfolioTargets: portfolioTargets as never } })).data as unknown as Plan;
    },
    onMutate: () => errors.clear(),
    onSuccess: (p) => {
      message.success('计划已创建');
      qc.invalidateQueries({ queryKey: ['plans'] });
      navigate(`/plans/${p.id}`);
    },
    onError: (e) => errors.show(e),
  });
  const durationInput = (base: (string | number)[], label: string) => (
    <Space.Compact>
      <Form.Item name={[...base, 'n']} noStyle rules={[{ required: true, message: `请填写${label}` }]}>
        <InputNumber min={1} aria-label={label} style={{ width: 100 }} />
      </Form.Item>
      <Form.Item name={[...base, 'u']} noStyle>
        <Select options={UNITS} style={{ width: 90 }} aria-label={`${label}单位`} />
      </Form.Item>
    </Space.Compact>
  );
  return (
    <Card title={<Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>新建工作计划</Typography.Title>} style={{ maxWidth: 820 }}>
      {errors.alert}
      <Form<Values>
        form={form}
        layout="vertical"
        onValuesChange={() => (key.current = newIdempotencyKey())}
        initialValues={{
          year: new Date().getFullYear(),
          calendar: 'workdays',
          warning: { n: 5, u: 'D' },
          reminders: [{ n: 5, u: 'D' }, { n: 1, u: 'D' }],
          escalations: [
            { n: 1, u: 'D', notify: ['unitHead'] },
            { n: 3, u: 'D', notify: ['office'] },
            { n: 7, u: 'D', notify: ['leader'], circular: true },
          ],
          repeat: { n: 7, u: 'D' },
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="name" label="计划名称" rules={[{ required: true, message: '请填写计划名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="coordinatorIds" label="督办专员" extra={me.role === 'coordinator' ? '您作为创建人自动成为本计划的督办专员；可再选其他督办专员' : '负责本计划督办的督办专员账号'}>
          <CoordinatorSelect exclude={me.role === 'coordinator' ? me.id : undefined} />
        </Form.Item>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          督办规则
        </Typography.Title>
        <Form.Item name="calendar" label="计时方式">
          <Select options={[{ value: 'workdays', label: '按工作日（法定节假日顺延）' }, { value: 'natural', label: '按自然日' }]} style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item label="截止前多久预警（黄灯）">{durationInput(['warning'], '预警提前量')}</Form.Item>
        <Form.List name="reminders">
          {(fields, { add, remove }) => (
            <Form.Item label="截止前提醒">
              <Space orientation="vertical">
                {fields.map((f, i) => (
                  <Space key={f.key}>
                    <span>截止前</span>
                    {durationInput([f.name], `第${i + 1}次提醒提前量`)}
                    <span>提醒填报人</span>
                    <Button type="link" onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ n: 1, u: 'D' })}>添加提醒</Button>
              </Space>
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="escalations">
          {(fields, { add, remove }) => (
            <Form.Item label="逾期后逐级督办">
              <Space orientation="vertical">
                {fields.map((f, i) => (
                  <Space key={f.key} wrap>
                    <strong>{i + 1}级</strong>
                    <span>逾期</span>
                    {durationInput([f.name], `${i + 1}级督办时间`)}
                    <span>后通知</span>
                    <Form.Item name={[f.name, 'notify']} noStyle rules={[{ required: true, message: '请选择通知对象' }]}>
                      <Checkbox.Group options={AUDIENCES} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'circular']} noStyle valuePropName="checked">
                      <Switch checkedChildren="通报" unCheckedChildren="不通报" />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ n: 7, u: 'D', notify: ['leader'] })}>添加一级</Button>
              </Space>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item label="最高级督办后重复间隔">{durationInput(['repeat'], '重复间隔')}</Form.Item>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          总体目标
        </Typography.Title>
        <Form.List name="portfolioTargets">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写目标名称' }]}>
                    <Input placeholder="如：新建学校投入使用" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: '请选择类型' }]} initialValue="school_construction">
                    <Select options={Object.entries(KIND).map(([value, label]) => ({ value, label }))} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'count']} rules={[{ required: true, message: '请填写数量' }]}>
                    <InputNumber min={1} placeholder="数量（个）" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'byDate']} rules={[{ required: true, message: '请选择日期' }]}>
                    <DatePicker placeholder="完成日期" />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    删除
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ kind: 'school_construction' })}>添加目标</Button>
            </Space>
          )}
        </Form.List>
        <SubmitItem label="创建计划" loading={create.isPending} marginTop={24} />
      </Form>
    </Card>
  );
}
