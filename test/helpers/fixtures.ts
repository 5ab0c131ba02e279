import { TestStack, login } from './stack';

export interface Org {
  admin: string;
  coordinator: string;
  coordinatorId: string;
  leader: string;
  leaderId: string;
  cityId: string;
  districtId: string;
  schoolId: string;
  otherDistrictId: string;
  owner: string;
  ownerId: string;
  head: string;
  headId: string;
  otherOwner: string;
  otherOwnerId: string;
  planId: string;
}

/** A small organisation through the API: a city bureau, two districts, a school, one user per role, one plan. */
export async function createOrg(stack: Pick<TestStack, 'http'>, planPolicy?: Record<string, unknown>): Promise<Org> {
  const admin = await login(stack, 'admin', 'admin-e2e-password');
  const unit = async (code: string, name: string, type: string, parentId?: string) =>
    (await stack.http.post('/api/units').set('Authorization', admin).send({ code, name, type, parentId }).expect(201)).body.id as string;
  const user = async (username: string, role: string, unitId?: string, isUnitHead?: boolean) =>
    (await stack.http.post('/api/users').set('Authorization', admin).send({ username, displayName: username, password: 'password-123', role, unitId, isUnitHead }).expect(201)).body.id as string;
  const cityId = await unit('city', '郑州市教育局', 'bureau');
  const districtId = await unit('zhongmou', '中牟县教育局', 'county', cityId);
  const schoolId = await unit('zm-school-1', '中牟县第一初级中学', 'school', districtId);
  const otherDistrictId = await unit('jinshui', '金水区教育局', 'district', cityId);
  const coordinatorId = await user('coordinator', 'coordinator', cityId);
  const leaderId = await user('leader', 'leader', cityId);
  const ownerId = await user('owner', 'owner', districtId);
  const headId = await user('head', 'owner', districtId, true);
  const otherOwnerId = await user('other-owner', 'owner', otherDistrictId);
  const coordinator = await login(stack, 'coordinator', 'password-123');
  const plan = await stack.http.post('/api/plans').set('Authorization', coordinator).send({ name: '中牟县义务教育优质均衡发展', year: 2026, policy: planPolicy }).expect(201);
  return {
    admin, coordinator, coordinatorId, leader: await login(stack, 'leader', 'password-123'), leaderId,
    cityId, districtId, schoolId, otherDistrictId,
    owner: await login(stack, 'owner', 'password-123'), ownerId,
    head: await login(stack, 'head', 'password-123'), headId,
    otherOwner: await login(stack, 'other-owner', 'password-123'), otherOwnerId,
    planId: plan.body.id,
  };
}
