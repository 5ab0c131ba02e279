/** The figure fields of a report and the target fields of a new project, one entry per kind (a new kind fails the type-check). */
import { Form, InputNumber } from 'antd';
import type { Kind } from '../api/types';
import { TRAINING_LEVEL } from '../i18n/zh';

interface NumberField {
  name: (string | number)[];
  label: string;
  unit: string;
  required?: boolean;
  min?: number;
  max?: number;
  step?: number;
}

export const FIGURE_FIELDS: Record<Kind, NumberField[]> = {
  school_construction: [
    { name: ['figures', 'seatsDelivered'], label: '已建成学位', unit: '个学位' },
    { name: ['figures', 'classesDelivered'], label: '已建成班级', unit: '个班' },
    { name: ['figures', 'investmentSpent'], label: '累计完成投资', unit: '元' },
  ],
  teacher_rotation: [
    { name: ['figures', 'eligible'], label: '应交流教师', unit: '人', required: true },
    { name: ['figures', 'rotated'], label: '已交流教师', unit: '人', required: true },
    { name: ['figures', 'rotatedBackbone'], label: '其中骨干教师', unit: '人', required: true },
  ],
  training_quota: [
    ...Object.entries(TRAINING_LEVEL).map(([k, label]) => ({ name: ['figures', 'personTimes', k], label: `${label}培训`, unit: '人次' })),
    { name: ['figures', 'averageHoursPerTeacher'], label: '人均学时', unit: '学时', step: 0.5 },
  ],
  indicator: [{ name: ['figures', 'value'], label: '指标值', unit: '', required: true, step: 0.01 }],
  generic: [],
};

export const TARGET_FIELDS: Record<Kind, NumberField[]> = {
  school_construction: [
    { name: ['targets', 'seatsPlanned'], label: '计划学位', unit: '个学位', required: true },
    { name: ['targets', 'classesPlanned'], label: '计划班级', unit: '个班', required: true },
    { name: ['targets', 'investmentPlanned'], label: '计划投资', unit: '元', required: true },
  ],
  teacher_rotation: [
    { name: ['targets', 'minRate'], label: '最低交流比例', unit: '（0–1，如 0.1 即 10%）', min: 0, max: 1, step: 0.01 },
    { name: ['targets', 'minBackboneShare'], label: '骨干教师最低占比', unit: '（0–1，如 0.2 即 20%）', min: 0, max: 1, step: 0.01 },
  ],
  training_quota: Object.entries(TRAINING_LEVEL).map(([k, label]) => ({ name: ['targets', 'personTimes', k], label: `${label}培训目标`, unit: '人次' })),
  indicator: [
    { name: ['targets', 'threshold'], label: '达标阈值', unit: '', required: true, step: 0.01 },
    { name: ['targets', 'warningMargin'], label: '预警余量', unit: '', step: 0.01 },
  ],
  generic: [],
};

export function NumberFields({ fields }: { fields: NumberField[] }) {
  return (
    <>
      {fields.map((f) => (
        <Form.Item key={f.name.join('.')} name={f.name} label={`${f.label}${f.unit && !f.unit.startsWith('（') ? `（${f.unit}）` : f.unit}`} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}>
          <InputNumber style={{ width: '100%' }} min={f.min} max={f.max} step={f.step ?? 1} aria-label={f.label} />
        </Form.Item>
      ))}
    </>
  );
}
