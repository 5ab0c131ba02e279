import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { Component, type ReactNode } from 'react';
import { createBrowserRouter, Link, Navigate, RouterProvider } from 'react-router';
import { homeOf } from './access';
import { ApiError } from './api/client';
import { useMe } from './hooks/useMe';
import { SignedInLayout } from './layout';
import LoginPage from './pages/login';
import { routes, type RouteDef } from './routes';
import './format';

/** Shade 7 of a preset palette under both of antd's names for it (`green7`, and `green-7`, which the CSS variables use). */
function tagText(shades: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(shades).flatMap(([name, colour]) => [[`${name}7`, colour], [`${name}-7`, colour]]));
}

/**
 * Colours darker than antd's defaults, so that every text meets WCAG AA contrast (4.5:1): secondary texts; the
 * status colours (danger texts, error / warning / success tags on their tint, solid danger buttons); and shade 7 of
 * each preset palette, which antd uses as the text of a coloured tag (`<Tag color="green">`).
 */
const THEME = {
  token: {
    colorPrimary: '#1352a1',
    colorLink: '#1352a1',
    colorInfo: '#1352a1',
    colorError: '#cf1322',
    colorErrorText: '#cf1322',
    colorWarning: '#874d00',
    colorWarningText: '#874d00',
    colorSuccess: '#237804',
    colorSuccessText: '#237804',
    // (the tints antd would derive from these dark seeds are greyish: its usual light ones instead)
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    ...tagText({ green: '#237804', gold: '#874d00', orange: '#873800', volcano: '#ad2102', cyan: '#006d75', lime: '#3f6600' }),
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.6)',
  },
};

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (n, e) => n < 2 && !(e instanceof ApiError && e.status >= 400 && e.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** A chunk that fails to load after a deploy, or a render error: offer a reload instead of a blank page. */
class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (!this.state.error) return this.props.children;
    return <Result status="error" title="页面加载失败" subTitle={this.state.error.message} extra={<Button onClick={() => window.location.reload()}>重新加载</Button>} />;
  }
}

export function Forbidden() {
  return <Result status="403" title="403" subTitle="您没有权限访问此页面" extra={<Link to="/">返回首页</Link>} />;
}

function Guarded({ route }: { route: RouteDef }) {
  const { access } = useMe();
  if (route.access && !access[route.access]) return <Forbidden />;
  const Page = route.component;
  return <Page />;
}

function Home() {
  const { me } = useMe();
  return <Navigate to={homeOf(me)} replace />;
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <SignedInLayout />,
    errorElement: <Result status="error" title="页面出错了" subTitle="请刷新页面重试" extra={<Button onClick={() => window.location.reload()}>重新加载</Button>} />,
    children: [
      { index: true, element: <Home /> },
      ...routes.map((r) => ({ path: r.path, element: <Guarded route={r} /> })),
      { path: '*', element: <Result status="404" title="404" subTitle="页面不存在" extra={<Link to="/">返回首页</Link>} /> },
    ],
  },
]);

export default function App() {
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <ErrorBoundary>
            <RouterProvider router={router} />
          </ErrorBoundary>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
