import { App, Button, Form, Input, Select, Space, Tree } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { fetchClient, newIdempotencyKey } from '../../../api/client';
import type { Unit } from '../../../api/types';
import { useServerErrors } from '../../../components/serverForm';
import { DataState } from '../../../components/states';
import { useUnits } from '../../../hooks/api';
import { label, UNIT_TYPE } from '../../../i18n/zh';
import { ListAndForm } from '../../../components/layouts';

interface Node {
  key: string;
  title: string;
  children: Node[];
}
export function unitTree(units: Unit[]): Node[] {
  const nodes = new Map(units.map((u) => [u.id, { key: u.id, title: `${u.name}（${label(UNIT_TYPE, u.type, '单位')}）`, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const u of units) {
    const n = nodes.get(u.id)!;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

export default function UnitsPage() {
  const q = useUnits();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const errors = useServerErrors(form);
  const key = useRef(newIdempotencyKey());
  const tree = useMemo(() => unitTree(q.data?.items ?? []), [q.data]);
  const create = useMutation({
    mutationFn: async (v: { code: string; name: string; type: 'bureau' | 'district' | 'county' | 'school' | 'department' | 'office'; parentId?: string }) =>
      fetchClient.POST('/api/units', { params: { header: { 'Idempotency-Key': key.current } as never }, body: v }),
    onMutate: () => errors.clear(),
    onSuccess: () => {
      key.current = newIdempotencyKey();
      message.success('单位已创建');
      form.resetFields();
      qc.invalidateQueries({ queryKey: ['units'] });
    },
    onError: (e) => errors.show(e),
  });
  return (
    <ListAndForm
      title="单位管理"
      formTitle="新建单位"
      list={
        <>
          <DataState query={q} isEmpty={(p) => !p.items.length} empty={<span>还没有单位，请在右侧新建</span>}>
            {(p) => <Tree key={p.total} treeData={tree} defaultExpandAll selectable={false} />}
          </DataState>
        </>
      }
    >
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} onValuesChange={() => (key.current = newIdempotencyKey())}>
        <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="code" label="单位代码" extra="小写字母、数字、- 或 _" rules={[{ required: true, message: '请填写单位代码' }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="type" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={Object.entries(UNIT_TYPE).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="parentId" label="上级单位">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={q.data?.items.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            创建
          </Button>
        </Space>
      </Form>
    </ListAndForm>
  );
}
