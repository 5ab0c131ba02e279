import ExcelJS from 'exceljs';

/**
 * A task breakdown table of `rows` rows (BENCH_IMPORT_ROWS, default 200) brought into a plan through the API: the
 * time to preview it (read, match, check every row) and to confirm it (every row a project workflow, created in
 * the background; timed until the import resource says done).
 */
export async function benchImport(base: string, token: string, planId: string, leadUnit: string, rows = Number(process.env.BENCH_IMPORT_ROWS ?? 200)): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分解表');
  ws.addRow(['序号', '重点任务', '具体目标', '牵头单位', '完成时限']);
  const targets = ['新增学位1080个', '交流轮岗教师比例不低于10%', '开展培训9000人次', ''];
  for (let i = 1; i <= rows; i++) ws.addRow([i, `导入任务${i}`, targets[i % targets.length], leadUnit, i % 2 ? '年底前' : '每季度末']);
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const auth = { authorization: `Bearer ${token}` };

  const t0 = performance.now();
  const form = new FormData();
  form.append('file', new Blob([file]), 'bench.xlsx');
  const res = await fetch(`${base}/api/plans/${planId}/imports`, { method: 'POST', headers: auth, body: form });
  if (res.status !== 201) throw new Error(`preview: ${res.status} ${await res.text()}`);
  const preview = (await res.json()) as { id: string; summary: { valid: number } };
  const previewMs = performance.now() - t0;

  const t1 = performance.now();
  const confirm = await fetch(`${base}/api/plans/${planId}/imports/${preview.id}/confirm`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
  if (confirm.status !== 202) throw new Error(`confirm: ${confirm.status} ${await confirm.text()}`);
  const answeredMs = performance.now() - t1;
  let progress: { created: number; failed: number } = { created: 0, failed: 0 };
  for (;;) {
    const got = (await (await fetch(`${base}/api/plans/${planId}/imports/${preview.id}`, { headers: auth })).json()) as { status: string; progress: typeof progress };
    progress = got.progress;
    if (got.status === 'done') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const confirmMs = performance.now() - t1;
  console.log(`\nImport of a ${rows}-row workbook (${preview.summary.valid} valid rows)\n`);
  console.table([
    { step: 'preview (upload, read, match, check every row)', 'ms': Math.round(previewMs) },
    { step: 'confirm answered (202, creation in the background)', 'ms': Math.round(answeredMs) },
    { step: `confirm done (${progress.created} projects created, ${progress.failed} failed)`, 'ms': Math.round(confirmMs), 'rows/s': +(progress.created / (confirmMs / 1000)).toFixed(1) },
  ]);
}
