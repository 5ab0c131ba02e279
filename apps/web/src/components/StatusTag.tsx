import { Tag } from 'antd';
import type { Reason, Status } from '../api/types';
import { STATUS, STATUS_COLOR } from '../i18n/zh';

export function StatusTag({ status }: { status: Status }) {
  return (
    <Tag color={STATUS_COLOR[status]} data-status={status}>
      {STATUS[status] ?? status}
    </Tag>
  );
}

export function Reasons({ reasons }: { reasons: Reason[] | null | undefined }) {
  if (!reasons?.length) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`}>{r.message}</li>
      ))}
    </ul>
  );
}
