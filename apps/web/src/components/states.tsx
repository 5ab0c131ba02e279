import { Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { ERROR_TEXT } from '../i18n/zh';

/** The message a person reads for a failed call: the API's own message, else a Chinese text for the status. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return ERROR_TEXT[0];
    return error.body.message || ERROR_TEXT[error.status] || `请求失败（${error.status}）`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Exactly one of: skeleton on first load, the error with Retry, Empty with the next action, or the data. */
export function DataState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: { data?: T; isLoading: boolean; error: unknown; refetch: () => unknown };
  isEmpty?: (d: T) => boolean;
  empty?: ReactNode;
  children: (d: T) => ReactNode;
}) {
  if (query.error && !query.data) {
    const notFound = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '无法查看' : '加载失败'}
        subTitle={errorText(query.error)}
        extra={notFound ? undefined : <Button onClick={() => query.refetch()}>重试</Button>}
      />
    );
  }
  if (query.isLoading || query.data === undefined) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <Empty description="暂无数据" />}</>;
  return <>{children(query.data)}</>;
}
