import { App, Button, DatePicker, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useLayoutEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { fetchClient } from '../../../api/client';
import type { CalendarYear } from '../../../api/types';
import { useServerErrors } from '../../../components/serverForm';
import { DataState } from '../../../components/states';
import { dateTime } from '../../../format';
import './multipleDates.css';
import { ListAndForm } from '../../../components/layouts';

const SOURCE: Record<string, string> = { package: '官方安排（内置）', admin: '管理员发布', seed: '官方安排（内置）' };
const days = (list: string[]) => list.map((d) => dayjs(d).format('M月D日')).join('、');

export default function CalendarPage() {
  const q = useQuery({ queryKey: ['calendar'], queryFn: async () => (await fetchClient.GET('/api/calendar')).data as unknown as CalendarYear[] });
  const [form] = Form.useForm<{ year: number; holidays: Dayjs[]; workdays: Dayjs[] }>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const errors = useServerErrors(form);
  const publish = useMutation({
    mutationFn: async (v: { year: number; holidays: Dayjs[]; workdays: Dayjs[] }) =>
      (
        await fetchClient.PUT('/api/calendar/{year}', {
          params: { path: { year: v.year as never } },
          body: { holidays: (v.holidays ?? []).map((d) => d.format('YYYY-MM-DD')).sort(), workdays: (v.workdays ?? []).map((d) => d.format('YYYY-MM-DD')).sort() },
        })
      ).data as unknown as { year: number; projectsReplanned: number },
    onMutate: () => errors.clear(),
    onSuccess: (r) => {
      message.success(`${r.year}年日历已发布，${r.projectsReplanned}个在办项目已按新日历重排`);
      qc.invalidateQueries({ queryKey: ['calendar'] });
    },
    onError: (e) => errors.show(e),
  });
  const year = new Date().getFullYear();
  return (
    <ListAndForm
      title="工作日历"
      formTitle="发布或更正某年的放假安排"
      list={
        <>
          <Typography.Paragraph type="secondary">列出的年份按官方放假安排计算工作日；未列出的年份仅按周一至周五计算。</Typography.Paragraph>
          <DataState query={q} isEmpty={(l) => !l.length}>
            {(list) => (
              <Table<CalendarYear>
                rowKey="year"
                size="small"
                dataSource={list}
                pagination={false}
                onRow={(r) => ({ 'data-testid': `calendar-year-${r.year}` }) as never}
                columns={[
                  { title: '年份', dataIndex: 'year', render: (y: number) => `${y}年`, width: 80 },
                  { title: '来源', dataIndex: 'source', render: (s: string) => <Tag color={s === 'admin' ? 'blue' : 'green'}>{SOURCE[s] ?? '其他来源'}</Tag>, width: 140 },
                  { title: '放假', dataIndex: 'holidays', render: (h: string[]) => <Typography.Text ellipsis={{ tooltip: days(h) }} style={{ maxWidth: 240 }}>{h.length} 天：{days(h)}</Typography.Text> },
                  { title: '调休上班', dataIndex: 'workdays', render: (w: string[]) => days(w) || '—' },
                  { title: '更新时间', dataIndex: 'updatedAt', render: (d: string) => dateTime(d), width: 170 },
                ]}
              />
            )}
          </DataState>
        </>
      }
    >
      {errors.alert}
      <Form form={form} layout="vertical" initialValues={{ year: year + 1 }} onFinish={(v) => publish.mutate(v)}>
        <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="holidays" label="放假日期" rules={[{ required: true, message: '请选择放假日期' }]}>
          <MultipleDates />
        </Form.Item>
        <Form.Item name="workdays" label="调休上班日期（周末）">
          <MultipleDates />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={publish.isPending}>
            发布
          </Button>
        </Space>
      </Form>
    </ListAndForm>
  );
}

/**
 * A multiple-date picker whose input carries the form item's id, so that its label names it: antd renders that
 * input without any id in multiple mode, so it is set on the element after each render (see multipleDates.css).
 */
function MultipleDates({ id, ...rest }: { id?: string; value?: Dayjs[] | null; onChange?: (v: Dayjs[] | null) => void }) {
  const box = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const input = box.current?.querySelector<HTMLInputElement>('input.ant-picker-multiple-input');
    if (input && id && input.id !== id) input.id = id;
  });
  return (
    <span ref={box} className="kps-multiple-dates" style={{ display: 'block' }}>
      <DatePicker multiple style={{ width: '100%' }} {...rest} />
    </span>
  );
}
