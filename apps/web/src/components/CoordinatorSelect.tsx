import { Select } from 'antd';
import { useAccountsOfRole } from '../hooks/api';

/** Chooses a plan's coordinators by name (督办专员), from the coordinator accounts of the unit tree. */
export function CoordinatorSelect({ value, onChange, exclude, id }: { value?: string[]; onChange?: (v: string[]) => void; exclude?: string; id?: string }) {
  const { accounts, isLoading } = useAccountsOfRole('coordinator');
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      placeholder="选择督办专员"
      loading={isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      options={accounts.filter((a) => a.id !== exclude).map((a) => ({ value: a.id, label: `${a.displayName}（${a.unitName}）` }))}
    />
  );
}
