import { Select, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchClient } from '../../api/client';
import type { Page } from '../../api/types';
import { ExportButton } from '../../components/ExportButton';
import { DataState } from '../../components/states';
import { dateTime } from '../../format';
import { useUrlState } from '../../hooks/useUrlState';
import { label } from '../../i18n/zh';

interface Delivery {
  id: string;
  channel: string;
  recipient: string | null;
  address: string;
  title: string;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
const CHANNEL: Record<string, string> = { email: '邮件', webhook: '机器人' };
const STATE: Record<string, string> = { pending: '待发送', retrying: '重试中', delivered: '已送达', failed: '发送失败' };
const STATE_COLOR: Record<string, string> = { pending: 'default', retrying: 'orange', delivered: 'green', failed: 'red' };

/** E-mails and robot messages sent for the caller's notices (in the caller's scope): state, attempts, last error. */
export function Deliveries() {
  const [s, set] = useUrlState(['channel', 'state', 'page'] as const);
  const page = Number(s.page ?? 1);
  const q = useQuery({
    queryKey: ['deliveries', s.channel ?? '', s.state ?? '', page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (await fetchClient.GET('/api/notification-deliveries', { params: { query: { channel: s.channel, state: s.state, page, pageSize: 20 } as never } })).data as unknown as Page<Delivery>,
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Select aria-label="渠道" placeholder="全部渠道" allowClear style={{ minWidth: 120 }} value={s.channel} onChange={(v) => set({ channel: v })} options={Object.entries(CHANNEL).map(([value, l]) => ({ value, label: l }))} />
          <Select aria-label="发送状态" placeholder="全部状态" allowClear style={{ minWidth: 120 }} value={s.state} onChange={(v) => set({ state: v })} options={Object.entries(STATE).map(([value, l]) => ({ value, label: l }))} />
        </Space>
        <ExportButton path="/api/exports/notification-deliveries.xlsx" query={{ channel: s.channel, state: s.state }} />
      </Space>
      <DataState query={q}>
        {(p) => (
          <Table<Delivery>
            rowKey="id"
            size="small"
            dataSource={p.items}
            scroll={{ x: 800 }}
            locale={{ emptyText: '暂无外发记录（未配置邮件或机器人时不外发）' }}
            pagination={{ current: page, pageSize: 20, total: p.total, hideOnSinglePage: true, onChange: (n) => set({ page: n }, false) }}
            columns={[
              { title: '标题', dataIndex: 'title' },
              { title: '渠道', dataIndex: 'channel', width: 80, render: (c: string) => label(CHANNEL, c, '其他渠道') },
              { title: '接收人', dataIndex: 'recipient', width: 140, render: (r: string | null, d) => r ?? d.address },
              { title: '状态', dataIndex: 'state', width: 100, render: (st: string) => <Tag color={STATE_COLOR[st] ?? 'default'}>{label(STATE, st, '其他状态')}</Tag> },
              { title: '尝试次数', dataIndex: 'attempts', width: 90, render: (n: number) => `${n} 次` },
              { title: '时间', dataIndex: 'createdAt', width: 170, render: (t: string) => dateTime(t) },
            ]}
          />
        )}
      </DataState>
    </Space>
  );
}
