import { PageHeader } from '../../../components/PageHeader';
import { Button, Input, Select, Space, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Kind, Project, Status } from '../../../api/types';
import { ExportButton } from '../../../components/ExportButton';
import { PlanSelect } from '../../../components/PlanSelect';
import { errorText } from '../../../components/states';
import { Reasons, StatusTag } from '../../../components/StatusTag';
import { dateTime } from '../../../format';
import { useProjects, useUnits } from '../../../hooks/api';
import { useMe } from '../../../hooks/useMe';
import { useUrlState } from '../../../hooks/useUrlState';
import { KIND, label, STATUS } from '../../../i18n/zh';
import { Alert } from 'antd';

const KEYS = ['planId', 'unitId', 'kind', 'status', 'q', 'page', 'pageSize'] as const;

export default function ProjectsPage() {
  const [s, set] = useUrlState(KEYS);
  const { access, me } = useMe();
  const navigate = useNavigate();
  const units = useUnits(me.role !== 'owner');
  const page = Number(s.page ?? 1);
  const pageSize = Number(s.pageSize ?? 20);
  const q = useProjects({ planId: s.planId, unitId: s.unitId, kind: s.kind, status: s.status, q: s.q, page, pageSize });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="重点项目">
        <Space wrap>
          <ExportButton path="/api/exports/projects.xlsx" query={{ planId: s.planId, unitId: s.unitId, kind: s.kind, status: s.status, q: s.q }} />
          {access.canCreateProject && (
            <Link to="/projects/new">
              <Button type="primary">新建项目</Button>
            </Link>
          )}
        </Space>
      </PageHeader>
      <Space wrap>
        <PlanSelect value={s.planId} onChange={(v) => set({ planId: v })} />
        {me.role !== 'owner' && (
          <Select
            aria-label="牵头单位"
            placeholder="全部单位"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 180 }}
            value={s.unitId}
            onChange={(v) => set({ unitId: v })}
            options={units.data?.items.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <Select aria-label="项目类型" placeholder="全部类型" allowClear style={{ minWidth: 140 }} value={s.kind} onChange={(v) => set({ kind: v })} options={Object.entries(KIND).map(([value, label]) => ({ value, label }))} />
        <Select aria-label="状态" placeholder="全部状态" allowClear style={{ minWidth: 120 }} value={s.status} onChange={(v) => set({ status: v })} options={Object.entries(STATUS).map(([value, label]) => ({ value, label }))} />
        <Input.Search aria-label="搜索项目名称" placeholder="搜索项目名称" allowClear defaultValue={s.q} key={s.q ?? ''} onSearch={(v) => set({ q: v })} style={{ width: 220 }} />
      </Space>
      {q.error && (
        <Alert type="error" showIcon title={errorText(q.error)} action={<Button onClick={() => q.refetch()}>重试</Button>} />
      )}
      <Table<Project>
        rowKey="id"
        loading={q.isFetching && !q.data}
        dataSource={q.data?.items}
        scroll={{ x: 800 }}
        locale={{ emptyText: access.canCreateProject ? '没有符合条件的项目，可点击“新建项目”' : '没有符合条件的项目' }}
        onRow={(p) => ({ onClick: () => navigate(`/projects/${p.id}`), style: { cursor: 'pointer' }, 'data-testid': 'project-row' }) as never}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 个项目`,
          onChange: (p, ps) => set({ page: p === 1 ? undefined : p, pageSize: ps === 20 ? undefined : ps }, false),
        }}
        columns={[
          { title: '项目名称', dataIndex: 'name', render: (n: string, p) => <Link to={`/projects/${p.id}`}>{n}</Link> },
          { title: '类型', dataIndex: 'kind', render: (k: Kind) => label(KIND, k, '其他类型'), width: 120 },
          { title: '牵头单位', dataIndex: 'leadUnitName', width: 160 },
          { title: '状态', dataIndex: 'status', render: (st: Status) => <StatusTag status={st} />, width: 90 },
          { title: '原因', dataIndex: 'statusReasons', render: (r: Project['statusReasons']) => <Reasons reasons={r?.slice(0, 2)} /> },
          { title: '最近截止', dataIndex: 'nextDeadline', render: (d: string | null) => dateTime(d), width: 170 },
        ]}
      />
    </Space>
  );
}
