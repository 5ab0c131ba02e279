import { Space, Typography } from 'antd';
import { CircularTable } from '../../../components/CircularTable';
import { PlanSelect } from '../../../components/PlanSelect';
import { useUrlState } from '../../../hooks/useUrlState';

export default function CircularsPage() {
  const [s, set] = useUrlState(['planId'] as const);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          督办通报
        </Typography.Title>
        <PlanSelect value={s.planId} onChange={(v) => set({ planId: v })} />
      </Space>
      <CircularTable planId={s.planId} />
    </Space>
  );
}
