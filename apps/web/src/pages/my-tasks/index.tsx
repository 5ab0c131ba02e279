import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchClient } from '../../api/client';
import type { Page, Project, Rectification } from '../../api/types';
import { DataState } from '../../components/states';
import { Reasons, StatusTag } from '../../components/StatusTag';
import { dateTime, lateness } from '../../format';
import { useProjects } from '../../hooks/api';
import { KIND, label } from '../../i18n/zh';

const RANK: Record<string, number> = { red: 0, yellow: 1, green: 2, done: 3, closed: 4 };
const DAY = 86_400_000;

/** Overdue first, then due soon / returned (yellow), then by the nearest deadline. */
export function byUrgency(a: Project, b: Project): number {
  return RANK[a.status] - RANK[b.status] || (Date.parse(a.nextDeadline ?? '9999') || Infinity) - (Date.parse(b.nextDeadline ?? '9999') || Infinity);
}

function hint(p: Project): { text: string; color: string } | null {
  const returned = p.statusReasons?.some((r) => r.code === 'report.returned' || r.code === 'report.returned');
  if (returned) return { text: '被退回，需重新填报', color: 'red' };
  if (p.status === 'red' && p.nextDeadline) return { text: lateness(p.nextDeadline) || '已逾期', color: 'red' };
  if (p.nextDeadline && Date.parse(p.nextDeadline) - Date.now() < 7 * DAY) return { text: '即将到期', color: 'orange' };
  return null;
}

export default function MyTasksPage() {
  const projects = useProjects({ pageSize: 200 });
  const rect = useQuery({
    queryKey: ['rectifications', 'mine-open'],
    queryFn: async () => (await fetchClient.GET('/api/rectifications', { params: { query: { state: 'open', pageSize: 50 } as never } })).data as unknown as Page<Rectification>,
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        我的任务
      </Typography.Title>
      <DataState query={projects} isEmpty={(p) => !p.items.filter((x) => x.status !== 'closed' && x.status !== 'done').length} empty={<Card>目前没有待办项目</Card>}>
        {(page) => (
          <List<Project>
            dataSource={page.items.filter((x) => x.status !== 'closed' && x.status !== 'done').sort(byUrgency)}
            renderItem={(p) => {
              const h = hint(p);
              return (
                <Card size="small" style={{ marginBottom: 8 }} data-testid="task-card" data-status={p.status}>
                  <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                    <Space wrap>
                      <StatusTag status={p.status} />
                      <Link to={`/projects/${p.id}`} style={{ fontWeight: 600 }}>
                        {p.name}
                      </Link>
                      {h && <Tag color={h.color}>{h.text}</Tag>}
                    </Space>
                    <Typography.Text type="secondary">
                      {label(KIND, p.kind, '其他类型')} · 最近截止 {dateTime(p.nextDeadline)}
                    </Typography.Text>
                    <Reasons reasons={p.statusReasons} />
                    <Link to={`/projects/${p.id}`}>
                      <Button type="primary" block>
                        去填报
                      </Button>
                    </Link>
                  </Space>
                </Card>
              );
            }}
          />
        )}
      </DataState>
      <DataState query={rect} isEmpty={(p) => !p.items.length} empty={<></>}>
        {(page) => (
          <Card size="small" title={`待整改事项（${page.items.length}）`}>
            <List<Rectification>
              size="small"
              dataSource={page.items}
              renderItem={(r) => (
                <List.Item actions={[<Link key="go" to="/rectifications">去答复</Link>]}>
                  <Space wrap>
                    <span>{r.title}</span>
                    <Typography.Text type="secondary">截止 {dateTime(r.dueAt)}</Typography.Text>
                    {r.overdue && <Tag color="red">{lateness(r.dueAt)}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        )}
      </DataState>
    </Space>
  );
}
