import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../api/client';
import { errorText } from './states';

type Query = Record<string, string | number | undefined | null>;

/** `/api/exports/projects.xlsx` with the list's filters (empty ones left out). */
export function exportPath(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** 导出Excel: the list as the API exports it (same filters, the caller's scope), downloaded with the caller's token. */
export function ExportButton({ path, query, label = '导出Excel' }: { path: string; query?: Query; label?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadFile(exportPath(path, query));
        } catch (e) {
          message.error(errorText(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </Button>
  );
}
