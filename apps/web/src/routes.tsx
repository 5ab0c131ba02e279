/** One route table: path, menu label, icon and the access key it needs; the menu is generated from it. */
import {
  AlertOutlined, ApartmentOutlined, BellOutlined, CalendarOutlined, DashboardOutlined, FileTextOutlined, FolderOutlined, ProfileOutlined, ScheduleOutlined, TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { AccessKey } from './access';

export interface RouteDef {
  path: string;
  name?: string;
  icon?: ReactNode;
  access?: AccessKey;
  component: LazyExoticComponent<ComponentType>;
}

export const routes: RouteDef[] = [
  { path: '/dashboard', name: '督办总览', icon: <DashboardOutlined />, access: 'canViewDashboard', component: lazy(() => import('./pages/dashboard')) },
  { path: '/my-tasks', name: '我的任务', icon: <ScheduleOutlined />, access: 'canViewMyTasks', component: lazy(() => import('./pages/my-tasks')) },
  { path: '/projects', name: '重点项目', icon: <FolderOutlined />, access: 'canViewProjects', component: lazy(() => import('./pages/projects/list')) },
  { path: '/projects/new', access: 'canCreateProject', component: lazy(() => import('./pages/projects/create')) },
  { path: '/projects/:id', access: 'canViewProjects', component: lazy(() => import('./pages/projects/detail')) },
  { path: '/plans', name: '工作计划', icon: <ProfileOutlined />, access: 'canViewPlans', component: lazy(() => import('./pages/plans/list')) },
  { path: '/plans/new', access: 'canCreatePlan', component: lazy(() => import('./pages/plans/create')) },
  { path: '/plans/:id/import', access: 'canCreateProject', component: lazy(() => import('./pages/plans/import')) },
  { path: '/plans/:id', access: 'canViewPlans', component: lazy(() => import('./pages/plans/detail')) },
  { path: '/circulars', name: '督办通报', icon: <FileTextOutlined />, access: 'canViewCirculars', component: lazy(() => import('./pages/circulars/list')) },
  { path: '/circulars/:id', access: 'canViewCirculars', component: lazy(() => import('./pages/circulars/detail')) },
  { path: '/rectifications', name: '整改事项', icon: <AlertOutlined />, access: 'canViewRectifications', component: lazy(() => import('./pages/rectifications')) },
  { path: '/notifications', name: '消息通知', icon: <BellOutlined />, component: lazy(() => import('./pages/notifications')) },
  { path: '/admin/units', name: '单位管理', icon: <ApartmentOutlined />, access: 'canAdmin', component: lazy(() => import('./pages/admin/units')) },
  { path: '/admin/users', name: '用户管理', icon: <TeamOutlined />, access: 'canAdmin', component: lazy(() => import('./pages/admin/users')) },
  { path: '/admin/calendar', name: '工作日历', icon: <CalendarOutlined />, access: 'canAdmin', component: lazy(() => import('./pages/admin/calendar')) },
];
