import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The page's one h1 and, on the right, its actions or filter. */
export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </Space>
  );
}
