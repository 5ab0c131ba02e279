/** Every text the UI shows, in one zh-CN catalogue. */
import type { Kind, Role, Status } from '../api/types';

export const ROLE: Record<Role, string> = { admin: '系统管理员', coordinator: '督办专员', leader: '领导', owner: '责任单位' };
export const STATUS: Record<Status, string> = { green: '正常', yellow: '预警', red: '逾期', done: '已完成', closed: '已关闭' };
export const STATUS_COLOR: Record<Status, string> = { green: 'success', yellow: 'warning', red: 'error', done: 'processing', closed: 'default' };
export const STATUS_HEX: Record<Status, string> = { green: '#389e0d', yellow: '#d48806', red: '#cf1322', done: '#0958d9', closed: '#8c8c8c' };
export const KIND: Record<Kind, string> = {
  school_construction: '学校建设',
  teacher_rotation: '教师交流轮岗',
  training_quota: '培训任务',
  indicator: '指标达标',
  generic: '一般事项',
};
export const MILESTONE_STATE: Record<string, string> = {
  pending: '待办',
  open: '进行中',
  submitted: '已报待审',
  returned: '退回',
  accepted: '已验收',
};
export const REPORT_STATE: Record<string, string> = { submitted: '待审核', accepted: '已通过', returned: '退回' };
export const EXTENSION_STATE: Record<string, string> = { pending: '待审批', approved: '已批准', refused: '已驳回' };
export const RECT_STATE: Record<string, string> = { raised: '待整改', answered: '已答复', returned: '退回重改', signed_off: '已销号' };
export const RECT_SOURCE: Record<string, string> = { dispatch: '调度', circular: '通报', inspection: '督查', other: '其他' };
export const ROUND_STATE: Record<string, string> = { open: '填报中', closed: '已结束', scheduled: '待开始' };
export const UNIT_TYPE: Record<string, string> = { bureau: '教育局', district: '区', county: '县', school: '学校', department: '处室', office: '办公室' };
export const TRAINING_LEVEL: Record<string, string> = { national: '国家级', provincial: '省级', municipal: '市级', county: '县级', school: '校级' };
export const EVENT_TYPE: Record<string, string> = {
  'project.created': '立项',
  'report.submitted': '提交报告',
  'report.accepted': '报告通过',
  'report.returned': '报告退回',
  'extension.requested': '申请延期',
  'extension.approved': '批准延期',
  'extension.refused': '驳回延期',
  'milestones.amended': '调整节点',
  'project.closed': '关闭项目',
  'reminder.sent': '自动提醒',
  'deadline.warning': '临期预警',
  'milestone.overdue': '标记逾期',
  'escalation.raised': '逐级督办',
  'status.changed': '状态变化',
  'calendar.replanned': '按新日历重排',
};
/** A catalogue's name for a code, or a Chinese word for "other": a code the map lacks is never shown raw. */
export function label(map: Record<string, string>, code: unknown, other = '其他'): string {
  return (typeof code === 'string' && Object.prototype.hasOwnProperty.call(map, code) ? map[code] : undefined) ?? other;
}
/** The server's built-in figures (libs/domain/src/targets/figures.ts): name and unit. */
export const FIGURE: Record<string, [string, string]> = {
  seats: ['学位', '个'],
  classes: ['班级', '个'],
  schools: ['学校', '所'],
  kindergartens: ['幼儿园', '所'],
  teachers: ['教师', '名'],
  students: ['学生', '名'],
  apartments: ['教师周转宿舍', '套'],
  floorArea: ['建筑面积', '㎡'],
  fitnessPaths: ['健身路径', '条'],
  classrooms: ['教室', '间'],
  equipment: ['设备', '台'],
  books: ['图书', '册'],
  personTimes: ['培训', '人次'],
  classHours: ['课时', '课时'],
};
/** Notification kinds as the workflows write them (reminder, overdue, escalation, review, extension, closed, dispatch, circular, rectification). */
export const NOTICE_KIND: Record<string, [string, string]> = {
  reminder: ['提醒', 'blue'],
  warning: ['预警', 'orange'],
  overdue: ['逾期', 'red'],
  escalation: ['督办', 'volcano'],
  dispatch: ['调度', 'geekblue'],
  review: ['审核', 'green'],
  report: ['报告', 'cyan'],
  extension: ['延期', 'purple'],
  closed: ['关闭', 'default'],
  circular: ['通报', 'magenta'],
  rectification: ['整改', 'gold'],
};
export const AUDIENCE: Record<string, string> = { owner: '填报责任人', unitHead: '单位一把手', office: '督办办公室', leader: '分管领导', coordinators: '督办专员' };
export const NEXT_EVENT: Record<string, string> = { warning: '预警', reminder: '提醒', overdue: '逾期', escalation: '升级督办' };
export const ERROR_TEXT: Record<number, string> = {
  0: '网络连接失败，请检查网络后重试',
  401: '登录已过期，请重新登录',
  403: '没有权限执行此操作',
  404: '未找到，或不在您的权限范围内',
  409: '操作与当前状态冲突',
  429: '操作过于频繁，请稍后再试',
  503: '服务暂时不可用，请稍后重试',
};
