import { PageHeader } from '../../components/PageHeader';
import { App, Button, List, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import { Deliveries } from './Deliveries';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchClient } from '../../api/client';
import type { Notice } from '../../api/types';
import { DataState, errorText } from '../../components/states';
import { dateTime } from '../../format';
import { useInbox } from '../../hooks/api';
import { useUrlState } from '../../hooks/useUrlState';
import { NOTICE_KIND } from '../../i18n/zh';


/** The inbox, newest first; refreshes by itself, so a reminder or an escalation appears without a reload. */
export default function NotificationsPage() {
  const [s, set] = useUrlState(['unread', 'page', 'view'] as const);
  const page = Number(s.page ?? 1);
  const q = useInbox({ unread: s.unread === 'true' ? true : undefined, page, pageSize: 100 }, 5_000);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const read = useMutation({
    mutationFn: async (id: string) => fetchClient.POST('/api/notifications/{id}/read', { params: { path: { id } } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="消息通知">
        {s.view !== 'deliveries' && (
        <Segmented
          aria-label="筛选"
          value={s.unread === 'true' ? 'unread' : 'all'}
          onChange={(v) => set({ unread: v === 'unread' ? 'true' : undefined })}
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: '未读' },
          ]}
        />
        )}
      </PageHeader>
      <Tabs
        activeKey={s.view === 'deliveries' ? 'deliveries' : 'inbox'}
        onChange={(k) => set({ view: k === 'deliveries' ? 'deliveries' : undefined, unread: undefined })}
        items={[
          { key: 'inbox', label: '站内消息' },
          { key: 'deliveries', label: '外发记录' },
        ]}
      />
      {s.view === 'deliveries' ? (
        <Deliveries />
      ) : (
        <DataState query={q} isEmpty={(p) => !p.items.length} empty={<Typography.Text type="secondary">暂无消息</Typography.Text>}>
          {(p) => (
            <List<Notice>
              dataSource={[...p.items].reverse()}
              pagination={p.total > 100 ? { current: page, pageSize: 100, total: s.unread === 'true' ? p.unread : p.total, onChange: (n) => set({ page: n }, false) } : false}
              renderItem={(n) => {
                const [label, color] = NOTICE_KIND[n.kind] ?? ['通知', 'default'];
                return (
                  <List.Item
                    data-testid="notice"
                    data-kind={n.kind}
                    style={{ background: n.readAt ? undefined : '#e6f4ff', paddingInline: 12 }}
                    actions={[
                      n.projectId ? (
                        <Link key="p" to={`/projects/${n.projectId}`} onClick={() => !n.readAt && read.mutate(n.id)}>
                          查看项目
                        </Link>
                      ) : null,
                      !n.readAt ? (
                        <Button key="r" size="small" onClick={() => read.mutate(n.id)}>
                          标为已读
                        </Button>
                      ) : null,
                    ].filter(Boolean)}
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          <Tag color={color}>
                            {label}
                            {n.level ? ` ${n.level}级` : ''}
                          </Tag>
                          <span style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</span>
                        </Space>
                      }
                      description={
                        <>
                          <div>{n.body}</div>
                          <Typography.Text type="secondary">{dateTime(n.createdAt)}</Typography.Text>
                        </>
                      }
                    />
                  </List.Item>
                );
              }}
            />
          )}
        </DataState>
      )}
    </Space>
  );
}
