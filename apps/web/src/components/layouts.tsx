import { Button, Card, Col, Form, Row, Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/** An admin page: the list on the left under the page's one h1, the form that adds to it on the right. */
export function ListAndForm({
  title,
  formTitle,
  list,
  children,
}: {
  title: string;
  formTitle: string;
  list: ReactNode;
  children: ReactNode;
}) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card
          title={
            <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
              {title}
            </Typography.Title>
          }
        >
          {list}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={formTitle}>{children}</Card>
      </Col>
    </Row>
  );
}

/** The head card of a detail page: its name as the page's one h1 with tags beside it, its actions on the right, then its facts. */
export function DetailHead({
  title,
  tags,
  actions,
  children,
}: {
  title: ReactNode;
  tags?: ReactNode;
  actions: ReactNode;
  children?: ReactNode;
}) {
  const heading = (
    <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
      {title}
    </Typography.Title>
  );
  return (
    <Card size="small">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        {tags ? (
          <Space wrap>
            {heading}
            {tags}
          </Space>
        ) : (
          heading
        )}
        {actions}
      </Space>
      {children}
    </Card>
  );
}

/** A form's submit button, showing that the request is on its way. */
export function SubmitItem({
  label,
  loading,
  marginTop = 16,
}: {
  label: string;
  loading: boolean;
  marginTop?: number;
}) {
  return (
    <Form.Item style={{ marginTop }}>
      <Button type="primary" htmlType="submit" loading={loading}>
        {label}
      </Button>
    </Form.Item>
  );
}
