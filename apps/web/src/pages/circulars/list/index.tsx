import { PageHeader } from '../../../components/PageHeader';
import { Space } from 'antd';
import { CircularTable } from '../../../components/CircularTable';
import { PlanSelect } from '../../../components/PlanSelect';
import { useUrlState } from '../../../hooks/useUrlState';

export default function CircularsPage() {
  const [s, set] = useUrlState(['planId'] as const);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="督办通报">
        <PlanSelect value={s.planId} onChange={(v) => set({ planId: v })} />
      </PageHeader>
      <CircularTable planId={s.planId} />
    </Space>
  );
}
