import { Tag } from 'antd';
import type { Reason, Status } from '../api/types';
import { STATUS } from '../i18n/zh';

/** Solid tags whose white text meets WCAG AA contrast on each colour. */
const STATUS_TAG: Record<Status, string> = { green: '#237804', yellow: '#874d00', red: '#cf1322', done: '#0958d9', closed: '#595959' };

export function StatusTag({ status }: { status: Status }) {
  return (
    <span data-status={status}>
      <Tag color={STATUS_TAG[status]}>{STATUS[status] ?? '未知'}</Tag>
    </span>
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
