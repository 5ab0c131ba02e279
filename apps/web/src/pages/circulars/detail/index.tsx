import { App, Button, Card, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { downloadFile, fetchClient, fetchText } from '../../../api/client';
import type { Circular } from '../../../api/types';
import { printCircular } from '../../../components/CircularTable';
import { DataState, errorText } from '../../../components/states';
import { dateTime } from '../../../format';

/** One circular: its printable page inline, with download and print. */
export default function CircularPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const meta = useQuery({
    queryKey: ['circular', id],
    queryFn: async () => (await fetchClient.GET('/api/circulars/{id}', { params: { path: { id } } })).data as unknown as Circular,
  });
  const html = useQuery({ queryKey: ['circular', id, 'html'], queryFn: () => fetchText(`/api/circulars/${id}?format=html`) });
  return (
    <DataState query={meta}>
      {(c) => (
        <Card
          title={
            <Typography.Title level={1} style={{ fontSize: 18, margin: 0 }}>
              {c.title}（{c.year}年第{c.number}期）
            </Typography.Title>
          }
          extra={
            <Space>
              <Button onClick={() => downloadFile(`/api/circulars/${c.id}?format=xlsx`, `督办通报-${c.year}-${c.number}.xlsx`).catch((e) => message.error(errorText(e)))}>下载表格</Button>
              <Button onClick={() => printCircular(c.id).catch((e) => message.error(errorText(e)))}>打印</Button>
            </Space>
          }
        >
          <Typography.Paragraph type="secondary">印发时间：{dateTime(c.issuedAt)}</Typography.Paragraph>
          <DataState query={html}>{(h) => <iframe title="通报正文" srcDoc={h} style={{ width: '100%', height: '70vh', border: '1px solid #f0f0f0' }} />}</DataState>
        </Card>
      )}
    </DataState>
  );
}
