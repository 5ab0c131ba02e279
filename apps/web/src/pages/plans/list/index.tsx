import { PageHeader } from '../../../components/PageHeader';
import { Button, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { Plan } from '../../../api/types';
import { DataState } from '../../../components/states';
import { dateTime } from '../../../format';
import { usePlans } from '../../../hooks/api';
import { useMe } from '../../../hooks/useMe';

export default function PlansPage() {
  const q = usePlans();
  const { access } = useMe();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="工作计划">
        {access.canCreatePlan && (
          <Link to="/plans/new">
            <Button type="primary">新建计划</Button>
          </Link>
        )}
      </PageHeader>
      <DataState query={q} isEmpty={(p) => !p.items.length} empty={<Typography.Text type="secondary">还没有工作计划{access.canCreatePlan ? '，请先新建计划' : ''}</Typography.Text>}>
        {(p) => (
          <Table<Plan>
            rowKey="id"
            dataSource={p.items}
            pagination={false}
            columns={[
              { title: '计划名称', dataIndex: 'name', render: (n: string, r) => <Link to={`/plans/${r.id}`}>{n}</Link> },
              { title: '年度', dataIndex: 'year', render: (y: number) => `${y}年` },
              { title: '时区', dataIndex: 'timeZone' },
              { title: '创建时间', dataIndex: 'createdAt', render: (d: string) => dateTime(d) },
            ]}
          />
        )}
      </DataState>
    </Space>
  );
}
