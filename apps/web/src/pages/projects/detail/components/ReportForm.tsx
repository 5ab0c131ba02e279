import { App, Button, Form, Input, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { fetchClient, newIdempotencyKey } from '../../../../api/client';
import type { Project } from '../../../../api/types';
import { FIGURE_FIELDS, NumberFields } from '../../../../components/kindFields';
import { useServerErrors } from '../../../../components/serverForm';

interface Values {
  milestoneId?: string;
  figures?: Record<string, unknown>;
  narrative: string;
  evidence?: string[];
}

/** Drops empty figure fields so the API sees only what was filled in. */
function compact(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v).map(([k, x]) => [k, compact(x)] as const).filter(([, x]) => x !== undefined && x !== null && x !== '');
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return v;
}

/** The owner's report: the figure fields of the project's kind, narrative and evidence links; errors beside the field the API named. */
export function ReportForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const errors = useServerErrors(form, (f) => (f.startsWith('evidence') ? 'evidence' : f));
  // One key per submission: kept across a retry of the same values, renewed after success.
  const key = useRef(newIdempotencyKey());
  const open = (project.milestones ?? []).filter((m) => m.state !== 'accepted' && m.state !== 'submitted');
  const submit = useMutation({
    mutationFn: async (v: Values) =>
      fetchClient.POST('/api/projects/{id}/reports', {
        params: { path: { id: project.id }, header: { 'Idempotency-Key': key.current } as never },
        body: { ...v, figures: compact(v.figures) as Record<string, never> | undefined, evidence: v.evidence?.length ? v.evidence : undefined },
      }),
    onMutate: () => errors.clear(),
    onSuccess: () => {
      key.current = newIdempotencyKey();
      message.success('报告已提交');
      form.resetFields();
      qc.invalidateQueries({ queryKey: ['projects'] });
      qc.invalidateQueries({ queryKey: ['reports', project.id] });
      onDone();
    },
    onError: (e) => errors.show(e),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} onValuesChange={() => (key.current = newIdempotencyKey())} aria-label="填报进展">
      {errors.alert}
      <Form.Item name="milestoneId" label="申请验收的节点（可选）">
        <Select allowClear placeholder="仅报告进展" options={open.map((m) => ({ value: m.id, label: m.name }))} aria-label="申请验收的节点" />
      </Form.Item>
      <NumberFields fields={FIGURE_FIELDS[project.kind]} />
      <Form.Item name="narrative" label="进展情况" rules={[{ required: true, message: '请填写进展情况' }]}>
        <Input.TextArea rows={4} maxLength={10000} showCount />
      </Form.Item>
      <Form.Item name="evidence" label="佐证材料链接" extra="输入以 http:// 或 https:// 开头的链接后回车">
        <Select mode="tags" open={false} aria-label="佐证材料链接" tokenSeparators={[' ', ',']} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submit.isPending} block>
        提交报告
      </Button>
    </Form>
  );
}
