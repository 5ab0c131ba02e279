import { BellOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { auth } from './api/auth';
import { fetchClient } from './api/client';
import { access as accessOf } from './access';
import { DataState } from './components/states';
import { useInbox } from './hooks/api';
import { MeContext, useMeQuery } from './hooks/useMe';
import { ROLE } from './i18n/zh';
import { routes } from './routes';
import { Skeleton } from 'antd';

const { Header, Sider, Content } = Layout;

/** The signed-in frame: one left menu generated from the route table (entries the role may not use are absent), header with user, role, unread badge, logout. */
export function SignedInLayout() {
  const location = useLocation();
  const me = useMeQuery();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const acc = useMemo(() => accessOf(me.data), [me.data]);
  const inbox = useInbox({ pageSize: 1, unread: true }, 5_000);
  if (!auth.token()) return <Navigate to={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const items = routes
    .filter((r) => r.name && (!r.access || acc[r.access]))
    .map((r) => ({ key: r.path, icon: r.icon, label: <Link to={r.path}>{r.name}</Link> }));
  const selected = routes.filter((r) => r.name && location.pathname.startsWith(r.path)).map((r) => r.path);
  const menu = <Menu mode="inline" theme="dark" items={items} selectedKeys={selected} onClick={() => setDrawer(false)} aria-label="主菜单" />;
  const narrow = !screens.md;
  const logout = async () => {
    // The token ends on the server too (a copy of it no longer works); then a full load of the login page: nothing of this account stays in memory.
    await fetchClient.POST('/api/auth/logout').catch(() => undefined);
    auth.clear();
    window.location.assign('/login');
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Sider width={200} breakpoint="md" collapsedWidth={0}>
          <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>重点工程督办</div>
          {menu}
        </Sider>
      )}
      {narrow && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={220} styles={{ body: { padding: 0, background: '#001529' } }} title="重点工程督办">
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
          <Space>
            {narrow && <Button icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawer(true)} />}
            {narrow && <strong>重点工程督办</strong>}
          </Space>
          <Space size={narrow ? 'small' : 'middle'}>
            <Link to="/notifications" aria-label={`消息通知，未读 ${inbox.data?.unread ?? 0} 条`} data-testid="unread-badge">
              <Badge count={inbox.data?.unread ?? 0} size="small">
                <BellOutlined style={{ fontSize: 18, color: '#262626' }} />
              </Badge>
            </Link>
            {me.data && (
              <Space size={4} data-testid="current-user">
                <UserOutlined />
                <Typography.Text>{me.data.displayName}</Typography.Text>
                {!narrow && <Typography.Text type="secondary">（{ROLE[me.data.role]}）</Typography.Text>}
              </Space>
            )}
            <Button icon={<LogoutOutlined />} onClick={logout} type="text">
              {narrow ? '' : '退出登录'}
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: narrow ? 8 : 16 }}>
          <main>
            <DataState query={me}>
              {(m) => (
                <MeContext.Provider value={{ me: m, access: acc }}>
                  <Suspense fallback={<Skeleton active />}>
                    <Outlet />
                  </Suspense>
                </MeContext.Provider>
              )}
            </DataState>
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}
