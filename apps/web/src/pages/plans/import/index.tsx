/**
 * 导入任务分解表: upload the plan's task table (.xlsx/.csv/.docx) → every row as the project it would become, the
 * cells at fault marked and fixable in the row → confirm (with the fixes) → progress until every row is created.
 * The import's id is in the URL, so a reload or a shared link comes back to the same step.
 */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Progress, Result, Segmented, Select, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, downloadFile, fetchClient, postForm } from '../../../api/client';
import type { ImportColumn, ImportIssue, ImportRow, ImportView, Kind, Plan } from '../../../api/types';
import { DataState, errorText } from '../../../components/states';
import { date } from '../../../format';
import { useUnits } from '../../../hooks/api';
import { useUrlState } from '../../../hooks/useUrlState';
import { KIND } from '../../../i18n/zh';

/** A coordinator's fix of one row, sent with the confirmation (cells written again as they should read). */
type Correction = Partial<Record<'lead' | 'co' | 'owner' | 'due', string>> & { kind?: Kind };
type Corrections = Record<number, Correction>;

const OUTCOME: Record<NonNullable<ImportRow['outcome']>, [string, string]> = {
  created: ['已创建', 'success'],
  existing: ['已存在', 'default'],
  invalid: ['未导入（有错误）', 'error'],
  failed: ['创建失败', 'error'],
};
/** Which correction fixes which column. */
const FIX_OF: Partial<Record<ImportColumn, keyof Correction>> = { lead: 'lead', co: 'co', owner: 'owner', due: 'due' };

const splitNames = (s: unknown) => String(s ?? '').split(/[、,，]/).map((x) => x.trim()).filter(Boolean);

function issuesOf(row: ImportRow, column: ImportColumn): { errors: ImportIssue[]; warnings: ImportIssue[] } {
  return { errors: row.errors.filter((e) => e.column === column), warnings: row.warnings.filter((w) => w.column === column) };
}

/** The cell's colour says what is wrong with it: red an error, yellow a warning, blue a fix waiting for the confirmation. */
function cellStyle(row: ImportRow, column: ImportColumn, fixes: Corrections): React.HTMLAttributes<HTMLElement> & { 'data-issue'?: string } {
  const fix = FIX_OF[column];
  if (fix && fixes[row.line]?.[fix] !== undefined) return { style: { background: '#e6f4ff' }, 'data-issue': 'fixed' };
  const { errors, warnings } = issuesOf(row, column);
  if (errors.length) return { style: { background: '#fff1f0', boxShadow: 'inset 3px 0 0 #cf1322' }, 'data-issue': 'error' };
  if (warnings.length) return { style: { background: '#fffbe6', boxShadow: 'inset 3px 0 0 #874d00' }, 'data-issue': 'warning' };
  return {};
}

function IssueList({ row, fixes }: { row: ImportRow; fixes: Corrections }) {
  const fixed = (i: ImportIssue) => {
    const f = FIX_OF[i.column];
    return !!f && fixes[row.line]?.[f] !== undefined;
  };
  const failure = row.outcome === 'failed' && row.failure?.message;
  if (!row.errors.length && !row.warnings.length && !failure) return null;
  return (
    <Space orientation="vertical" size={2} data-testid="row-issues" data-line={row.line} style={{ paddingLeft: 8 }}>
      {row.errors.map((e, i) => (
        <Typography.Text key={`e${i}`} type={fixed(e) ? 'secondary' : 'danger'} delete={fixed(e)}>
          <CloseCircleFilled aria-hidden /> {e.message}
        </Typography.Text>
      ))}
      {failure && (
        <Typography.Text type="danger">
          <CloseCircleFilled aria-hidden /> {failure}
        </Typography.Text>
      )}
      {row.warnings.map((w, i) => (
        <Typography.Text key={`w${i}`} style={{ color: '#874d00' }}>
          <ExclamationCircleFilled aria-hidden /> {w.message}
        </Typography.Text>
      ))}
      {row.errors.some(fixed) && <Typography.Text type="secondary">已修正，确认导入时重新校验</Typography.Text>}
    </Space>
  );
}

const hasIssues = (r: ImportRow) => r.errors.length > 0 || r.warnings.length > 0 || (r.outcome === 'failed' && !!r.failure?.message);

function dueText(row: ImportRow): string {
  const ms = row.milestones?.length ?? 0;
  if (!row.dueDate) return '—';
  return ms > 1 ? `${date(row.dueDate)}（${ms}个节点）` : date(row.dueDate);
}

/** The rows, each editable where it can be fixed: lead unit (from the candidates first), due date, owner, co-units, kind. */
function RowsTable({ view, fixes, setFix, editable }: { view: ImportView; fixes: Corrections; setFix: (line: number, patch: Correction) => void; editable: (r: ImportRow) => boolean }) {
  const units = useUnits();
  const allUnits = useMemo(() => (units.data?.items ?? []).map((u) => u.name), [units.data]);
  const [filter, setFilter] = useState<'all' | 'errors' | 'warnings'>('all');
  const [editing, setEditing] = useState<Set<number>>(new Set());
  const isEditing = (r: ImportRow) => editable(r) && (r.errors.length > 0 || r.outcome === 'failed' || editing.has(r.line));
  const rows = view.rows.filter((r) => (filter === 'errors' ? r.errors.length > 0 || r.outcome === 'failed' : filter === 'warnings' ? r.warnings.length > 0 : true));
  const header = (c: ImportColumn, fallback: string) => view.headers[c] ?? fallback;
  const textFix = (r: ImportRow, field: 'co' | 'owner' | 'due', current: string, label: string, placeholder?: string) => (
    <Input
      key={current}
      size="small"
      aria-label={`第${r.line}行${label}`}
      placeholder={placeholder}
      defaultValue={fixes[r.line]?.[field] ?? current}
      onBlur={(e) => {
        const v = e.target.value.trim();
        setFix(r.line, { [field]: v === current ? undefined : v });
      }}
    />
  );

  const columns: ColumnType<ImportRow>[] = [
    { title: '行', dataIndex: 'line', width: 56, fixed: 'left' },
    { title: header('seq', '序号'), dataIndex: 'seq', width: 64, onCell: (r) => cellStyle(r, 'seq', fixes) },
    {
      title: header('task', '重点任务'),
      dataIndex: 'name',
      width: 230,
      onCell: (r) => cellStyle(r, 'task', fixes),
      render: (n: string, r) => (
        <Space orientation="vertical" size={0}>
          <span>{n || '—'}</span>
          {r.target && <Typography.Text type="secondary">目标：{r.target}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 150,
      render: (k: Kind, r) =>
        editable(r) ? (
          <Select
            size="small"
            aria-label={`第${r.line}行类型`}
            style={{ width: 130 }}
            value={fixes[r.line]?.kind ?? k}
            onChange={(v) => setFix(r.line, { kind: v === k ? undefined : v })}
            options={Object.entries(KIND).map(([value, label]) => ({ value, label }))}
          />
        ) : (
          KIND[k]
        ),
    },
    {
      title: header('lead', '牵头单位'),
      dataIndex: 'leadUnitName',
      width: 200,
      onCell: (r) => cellStyle(r, 'lead', fixes),
      render: (name: string | undefined, r) => {
        const { errors } = issuesOf(r, 'lead');
        const written = String(errors[0]?.params.text ?? name ?? '');
        if (!isEditing(r)) return name ?? written ?? '—';
        const candidates = errors.flatMap((e) => splitNames(e.params.candidates === 'none' ? '' : e.params.candidates));
        const others = allUnits.filter((u) => !candidates.includes(u));
        return (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            {errors.length > 0 && <Typography.Text type="secondary">原文：{written || '（空）'}</Typography.Text>}
            <Select
              size="small"
              aria-label={`第${r.line}行牵头单位`}
              placeholder="选择牵头单位"
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              value={fixes[r.line]?.lead ?? name}
              onChange={(v) => setFix(r.line, { lead: v === name ? undefined : v })}
              options={[
                ...(candidates.length ? [{ label: '相近单位', options: candidates.map((c) => ({ value: c, label: c })) }] : []),
                { label: '全部单位', options: others.map((c) => ({ value: c, label: c })) },
              ]}
            />
          </Space>
        );
      },
    },
    {
      title: header('co', '配合单位'),
      dataIndex: 'coUnitNames',
      width: 140,
      onCell: (r) => cellStyle(r, 'co', fixes),
      render: (names: string[], r) => (isEditing(r) ? textFix(r, 'co', names.join('、'), '配合单位', '多个单位以“、”分隔') : names.join('、') || '—'),
    },
    {
      title: header('owner', '责任人'),
      dataIndex: 'responsibleHead',
      width: 110,
      onCell: (r) => cellStyle(r, 'owner', fixes),
      render: (h: string | undefined, r) => (isEditing(r) ? textFix(r, 'owner', h ?? '', '责任人') : h || '—'),
    },
    {
      title: header('due', '完成时限'),
      dataIndex: 'dueText',
      width: 180,
      onCell: (r) => cellStyle(r, 'due', fixes),
      render: (t: string, r) =>
        isEditing(r) ? (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            {textFix(r, 'due', t, '完成时限', '如：2026年6月底')}
            <Typography.Text type="secondary">识别为：{dueText(r)}</Typography.Text>
          </Space>
        ) : (
          <Space orientation="vertical" size={0}>
            <span>{t || '—'}</span>
            <Typography.Text type="secondary">{dueText(r)}</Typography.Text>
          </Space>
        ),
    },
    {
      title: view.status === 'preview' ? '操作' : '结果',
      key: 'outcome',
      width: 130,
      fixed: 'right',
      render: (_v, r) => {
        if (r.outcome) {
          const [label, color] = OUTCOME[r.outcome];
          return (
            <Space orientation="vertical" size={2}>
              <Tag color={color}>{label}</Tag>
              {r.projectId && <Link to={`/projects/${r.projectId}`}>查看项目</Link>}
              {editable(r) && !isEditing(r) && <Button size="small" type="link" onClick={() => setEditing(new Set(editing).add(r.line))}>修改</Button>}
            </Space>
          );
        }
        if (r.existingProjectId)
          return (
            <Space orientation="vertical" size={2}>
              <Tag>已导入</Tag>
              <Link to={`/projects/${r.existingProjectId}`}>查看项目</Link>
            </Space>
          );
        if (!editable(r)) return null;
        if (r.errors.length) return <Tag color="error">待修正</Tag>;
        return isEditing(r) ? (
          <Tag color="processing">修改中</Tag>
        ) : (
          <Button size="small" onClick={() => setEditing(new Set(editing).add(r.line))} aria-label={`修改第${r.line}行`}>
            修改
          </Button>
        );
      },
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented
        aria-label="筛选行"
        value={filter}
        onChange={(v) => setFilter(v as typeof filter)}
        options={[
          { value: 'all', label: `全部（${view.rows.length}）` },
          { value: 'errors', label: `有错误（${view.rows.filter((r) => r.errors.length || r.outcome === 'failed').length}）` },
          { value: 'warnings', label: `有提示（${view.rows.filter((r) => r.warnings.length).length}）` },
        ]}
      />
      <Table<ImportRow>
        rowKey="line"
        size="small"
        bordered
        dataSource={rows}
        columns={columns}
        scroll={{ x: 1260 }}
        // Each row's errors and warnings right under it, across the whole width.
        expandable={{
          expandedRowRender: (r) => <IssueList row={r} fixes={fixes} />,
          rowExpandable: hasIssues,
          expandedRowKeys: rows.filter(hasIssues).map((r) => r.line),
          showExpandColumn: false,
        }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 行` }}
        onRow={(r) => ({ 'data-testid': 'import-row', 'data-line': r.line, 'data-errors': r.errors.length }) as never}
      />
    </Space>
  );
}

function UploadStep({ planId, onPreview }: { planId: string; onPreview: (v: ImportView) => void }) {
  const { message } = App.useApp();
  const [sheet, setSheet] = useState('');
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      if (sheet.trim()) form.append('sheet', sheet.trim());
      return postForm<ImportView>(`/api/plans/${planId}/imports`, form);
    },
    onSuccess: onPreview,
  });
  const problems = upload.error instanceof ApiError ? (upload.error.body.details ?? []).map((d) => d.message) : [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>
        上传计划的重点任务分解表（Excel 工作簿 .xlsx、CSV 文件或 Word 文档 .docx 中的第一个表格）。系统按表头识别“序号、重点任务、具体目标、牵头单位、配合单位、责任人、完成时限”等列，先逐行预览，确认后才创建项目。
      </Typography.Paragraph>
      <Space wrap>
        <Button onClick={() => downloadFile('/api/plans/imports/template.xlsx').catch((e) => message.error(errorText(e)))}>下载导入模板</Button>
        <Input aria-label="工作表名称" placeholder="工作表名称（默认第一个）" value={sheet} onChange={(e) => setSheet(e.target.value)} style={{ width: 240 }} />
      </Space>
      {upload.error && (
        <Alert type="error" showIcon role="alert" title={errorText(upload.error)} description={problems.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{problems.map((p, i) => <li key={i}>{p}</li>)}</ul> : undefined} />
      )}
      <Upload.Dragger
        accept=".xlsx,.csv,.docx"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        beforeUpload={(file) => {
          upload.mutate(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{upload.isPending ? '正在读取……' : '点击或将文件拖到此处上传'}</p>
        <p className="ant-upload-hint">支持 .xlsx、.csv、.docx，单个文件不超过 10 MB、2000 行</p>
      </Upload.Dragger>
    </Space>
  );
}

export default function PlanImportPage() {
  const { id: planId = '' } = useParams();
  const [s, set] = useUrlState(['import'] as const);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [fixes, setFixes] = useState<Corrections>({});
  const plan = useQuery({
    queryKey: ['plans', planId],
    queryFn: async () => (await fetchClient.GET('/api/plans/{id}', { params: { path: { id: planId } } })).data as unknown as Plan,
  });
  const imp = useQuery({
    queryKey: ['imports', planId, s.import],
    enabled: !!s.import,
    refetchInterval: (q) => (q.state.data?.status === 'confirming' ? 1_000 : false),
    queryFn: async () =>
      (await fetchClient.GET('/api/plans/{id}/imports/{importId}', { params: { path: { id: planId, importId: s.import! } } })).data as unknown as ImportView,
  });
  const view = imp.data;
  const setFix = (line: number, patch: Correction) =>
    setFixes((all) => {
      const next = { ...all[line], ...patch };
      for (const k of Object.keys(next) as Array<keyof Correction>) if (next[k] === undefined) delete next[k];
      const out = { ...all, [line]: next };
      if (!Object.keys(next).length) delete out[line];
      return out;
    });
  /** Rows that can still change: all before the confirmation; after it, those not created. */
  const editable = (r: ImportRow) => !!view && view.status !== 'confirming' && !r.existingProjectId && (view.status === 'preview' || r.outcome === 'invalid' || r.outcome === 'failed');
  const fixedLines = Object.keys(fixes).map(Number);
  const confirm = useMutation({
    mutationFn: async (lines?: number[]) =>
      (
        await fetchClient.POST('/api/plans/{id}/imports/{importId}/confirm', {
          params: { path: { id: planId, importId: view!.id } },
          body: { lines: lines as never, corrections: Object.entries(fixes).map(([line, c]) => ({ line: Number(line), ...c })) as never },
        })
      ).data as unknown as ImportView,
    onSuccess: (v) => {
      qc.setQueryData(['imports', planId, v.id], v);
      setFixes({});
      qc.invalidateQueries({ queryKey: ['projects'] });
    },
    onError: (e) => message.error(errorText(e)),
  });

  const step = !s.import ? 0 : !view || view.status === 'preview' ? 1 : view.status === 'confirming' ? 2 : 3;
  const stillWrong = view ? view.rows.filter((r) => r.errors.length && !fixes[r.line]).length : 0;
  const toCreate = view ? view.rows.filter((r) => !r.existingProjectId && (!r.errors.length || fixes[r.line])).length : 0;
  const retryLines = view ? view.rows.filter((r) => (r.outcome === 'invalid' || r.outcome === 'failed') && fixes[r.line]).map((r) => r.line) : [];
  const percentDone = view && view.progress.total ? Math.round((view.progress.done / view.progress.total) * 100) : 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          导入任务分解表{plan.data ? `：${plan.data.name}（${plan.data.year}年）` : ''}
        </Typography.Title>
        <Space wrap>
          {s.import && view?.status !== 'confirming' && (
            <Button onClick={() => { setFixes({}); set({ import: undefined }); }}>重新上传</Button>
          )}
          <Link to={`/plans/${planId}`}>
            <Button>返回计划</Button>
          </Link>
        </Space>
      </Space>
      <Card size="small">
        <Steps current={step} size="small" items={[{ title: '上传文件' }, { title: '预览与修正' }, { title: '创建项目' }, { title: '完成' }]} />
      </Card>
      {!s.import ? (
        <Card size="small">
          <UploadStep
            planId={planId}
            onPreview={(v) => {
              qc.setQueryData(['imports', planId, v.id], v);
              set({ import: v.id });
            }}
          />
        </Card>
      ) : (
        <DataState query={imp}>
          {(v) => (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small" data-testid="import-summary">
                <Space wrap size="large">
                  <Statistic title="文件" value={v.fileName} styles={{ content: { fontSize: 16 } }} />
                  <Statistic title="共" value={v.summary.rows} suffix="行" />
                  <Statistic title="可导入" value={v.summary.valid} suffix="行" styles={{ content: { color: '#237804' } }} />
                  <Statistic title="有错误" value={v.summary.withErrors} suffix="行" styles={{ content: { color: v.summary.withErrors ? '#cf1322' : undefined } }} />
                  <Statistic title="有提示" value={v.summary.withWarnings} suffix="行" />
                  <Statistic title="已导入过" value={v.summary.existing} suffix="行" />
                </Space>
              </Card>
              {v.status === 'preview' && (
                <Alert
                  type={stillWrong ? 'warning' : 'info'}
                  showIcon
                  title={
                    stillWrong
                      ? `还有 ${stillWrong} 行有错误：在表中修正标红的单元格，或直接确认（有错误的行不导入，之后可修正再导入）。`
                      : '预览未创建任何项目。核对无误后点击“确认导入”。'
                  }
                  action={
                    <Button type="primary" loading={confirm.isPending} disabled={!toCreate} onClick={() => confirm.mutate(undefined)}>
                      确认导入（{toCreate}行）
                    </Button>
                  }
                />
              )}
              {v.status !== 'preview' && (
                <Card size="small" data-testid="import-progress">
                  {v.status === 'confirming' ? (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Typography.Text>
                        正在创建项目：已处理 {v.progress.done} / {v.progress.total} 行
                      </Typography.Text>
                      <Progress percent={percentDone} status="active" aria-label="导入进度" />
                    </Space>
                  ) : (
                    <Result
                      status={v.progress.failed || v.progress.invalid ? 'warning' : 'success'}
                      icon={v.progress.failed || v.progress.invalid ? undefined : <CheckCircleFilled aria-hidden />}
                      title={`导入完成：新建 ${v.progress.created} 个项目`}
                      subTitle={[
                        v.progress.existing ? `${v.progress.existing} 行此前已导入` : '',
                        v.progress.invalid ? `${v.progress.invalid} 行有错误未导入` : '',
                        v.progress.failed ? `${v.progress.failed} 行创建失败` : '',
                      ].filter(Boolean).join('，') || '全部行已创建为项目，已开始督办。'}
                      extra={[
                        <Link key="p" to={`/projects?planId=${planId}`}>
                          <Button type="primary">查看本计划的项目</Button>
                        </Link>,
                        retryLines.length ? (
                          <Button key="r" loading={confirm.isPending} onClick={() => confirm.mutate(retryLines)}>
                            导入修正后的行（{retryLines.length}行）
                          </Button>
                        ) : null,
                      ]}
                    />
                  )}
                </Card>
              )}
              <Card size="small" title="逐行预览" extra={fixedLines.length ? <Typography.Text type="secondary">已修正 {fixedLines.length} 行</Typography.Text> : null}>
                <RowsTable view={v} fixes={fixes} setFix={setFix} editable={editable} />
              </Card>
            </Space>
          )}
        </DataState>
      )}
    </Space>
  );
}
