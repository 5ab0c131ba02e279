import { PageHeader } from '../../../components/PageHeader';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { fetchClient, newIdempotencyKey } from '../../../api/client';
import type { Me, Page, Role } from '../../../api/types';
import { useServerErrors } from '../../../components/serverForm';
import { DataState } from '../../../components/states';
import { useUnits } from '../../../hooks/api';
import { useUrlState } from '../../../hooks/useUrlState';
import { ROLE } from '../../../i18n/zh';

export default function UsersPage() {
  const [s, set] = useUrlState(['role', 'page'] as const);
  const page = Number(s.page ?? 1);
  const units = useUnits();
  const unitName = (id: string | null) => units.data?.items.find((u) => u.id === id)?.name ?? '—';
  const q = useQuery({
    queryKey: ['users', s.role ?? '', page],
    placeholderData: keepPreviousData,
    queryFn: async () => (await fetchClient.GET('/api/users', { params: { query: { role: s.role as never, page, pageSize: 20 } as never } })).data as unknown as Page<Me>,
  });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as Role | undefined;
  const { message } = App.useApp();
  const qc = useQueryClient();
  const errors = useServerErrors(form);
  const key = useRef(newIdempotencyKey());
  const create = useMutation({
    mutationFn: async (v: Record<string, unknown>) => fetchClient.POST('/api/users', { params: { header: { 'Idempotency-Key': key.current } as never }, body: v as never }),
    onMutate: () => errors.clear(),
    onSuccess: () => {
      key.current = newIdempotencyKey();
      message.success('用户已创建');
      form.resetFields();
      setOpen(false);
      qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e) => errors.show(e),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="用户管理">
        <Space>
          <Select aria-label="角色" placeholder="全部角色" allowClear style={{ minWidth: 140 }} value={s.role} onChange={(v) => set({ role: v })} options={Object.entries(ROLE).map(([value, label]) => ({ value, label }))} />
          <Button type="primary" onClick={() => setOpen(true)}>
            新建用户
          </Button>
        </Space>
      </PageHeader>
      <DataState query={q}>
        {(p) => (
          <Table<Me>
            rowKey="id"
            dataSource={p.items}
            scroll={{ x: 700 }}
            pagination={{ current: page, pageSize: 20, total: p.total, hideOnSinglePage: true, onChange: (n) => set({ page: n }, false) }}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              { title: '姓名', dataIndex: 'displayName' },
              { title: '角色', dataIndex: 'role', render: (r: Role) => <Tag>{ROLE[r]}</Tag> },
              { title: '单位', dataIndex: 'unitId', render: (id: string | null) => unitName(id) },
              { title: '一把手', dataIndex: 'isUnitHead', render: (h: boolean) => (h ? '是' : '') },
              { title: '邮箱', dataIndex: 'email' },
            ]}
          />
        )}
      </DataState>
      <Modal open={open} title="新建用户" footer={null} onCancel={() => setOpen(false)}>
        <Card variant="borderless" styles={{ body: { padding: 0 } }}>
          {errors.alert}
          <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} onValuesChange={() => (key.current = newIdempotencyKey())} initialValues={{ role: 'owner', isUnitHead: false }}>
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="password" label="初始密码" rules={[{ required: true, message: '请填写初始密码' }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item name="role" label="角色" rules={[{ required: true }]}>
              <Select options={Object.entries(ROLE).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="unitId" label="所属单位" rules={role === 'owner' ? [{ required: true, message: '责任单位账号须选择单位' }] : []}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={units.data?.items.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
            <Form.Item name="email" label="邮箱">
              <Input type="email" />
            </Form.Item>
            <Form.Item name="isUnitHead" label="单位一把手" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} block>
              创建
            </Button>
          </Form>
        </Card>
      </Modal>
    </Space>
  );
}
