import { Select } from 'antd';
import { usePlans } from '../hooks/api';

/** A plan filter; empty = every plan. */
export function PlanSelect({ value, onChange, allowClear = true, style }: { value?: string; onChange: (v: string | undefined) => void; allowClear?: boolean; style?: React.CSSProperties }) {
  const plans = usePlans();
  return (
    <Select
      aria-label="工作计划"
      placeholder="全部计划"
      allowClear={allowClear}
      value={value || undefined}
      onChange={(v) => onChange(v ?? undefined)}
      loading={plans.isLoading}
      style={{ minWidth: 220, ...style }}
      options={plans.data?.items.map((p) => ({ value: p.id, label: `${p.name}（${p.year}年）` }))}
    />
  );
}
