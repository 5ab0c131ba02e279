import { App, Button, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { downloadFile, fetchClient, fetchText } from '../api/client';
import type { Circular, Page } from '../api/types';
import { DataState, errorText } from './states';
import { dateTime } from '../format';

/** Opens a circular's printable page in a new window and prints it. */
export async function printCircular(id: string) {
  const html = await fetchText(`/api/circulars/${id}?format=html`);
  const w = window.open('', '_blank');
  if (!w) return;
  w.document.open();
  w.document.write(html);
  w.document.close();
  w.focus();
  setTimeout(() => w.print(), 300);
}

export function CircularTable({ planId }: { planId?: string }) {
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: ['circulars', planId ?? ''],
    queryFn: async () => (await fetchClient.GET('/api/circulars', { params: { query: { planId, pageSize: 100 } as never } })).data as unknown as Page<Circular>,
  });
  return (
    <DataState query={q} isEmpty={(p) => !p.items.length} empty={<span>还没有通报</span>}>
      {(p) => (
        <Table<Circular>
          rowKey="id"
          size="small"
          dataSource={p.items}
          pagination={false}
          scroll={{ x: 600 }}
          columns={[
            { title: '期号', render: (_v, c) => `${c.year}年第${c.number}期`, width: 130 },
            { title: '标题', dataIndex: 'title', render: (t: string, c) => <Link to={`/circulars/${c.id}`}>{t}</Link> },
            { title: '印发时间', dataIndex: 'issuedAt', render: (d: string) => dateTime(d), width: 170 },
            {
              title: '操作',
              width: 200,
              render: (_v, c) => (
                <Space>
                  <Button size="small" onClick={() => downloadFile(`/api/circulars/${c.id}?format=xlsx`, `督办通报-${c.year}-${c.number}.xlsx`).catch((e) => message.error(errorText(e)))}>
                    下载表格
                  </Button>
                  <Button size="small" onClick={() => printCircular(c.id).catch((e) => message.error(errorText(e)))}>
                    打印
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
    </DataState>
  );
}
