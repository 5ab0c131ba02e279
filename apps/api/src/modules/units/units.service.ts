import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Caller } from '../../common/auth';
import { ConflictError, NotFoundError } from '../../common/errors';
import { accountView, CreateUnitDto, ListUnitsQueryDto, unitView } from './units.dto';
import { UnitsRepository } from './units.repository';

@Injectable()
export class UnitsService {
  constructor(private readonly units: UnitsRepository) {}

  async create(dto: CreateUnitDto) {
    let parentPath = '';
    if (dto.parentId) {
      const path = await this.units.path(dto.parentId);
      if (path === undefined) throw new NotFoundError(`No unit ${dto.parentId}`, 'parentId');
      parentPath = path;
    }
    const id = randomUUID();
    const row = await this.units.insert({ id, code: dto.code, name: dto.name, type: dto.type, parentId: dto.parentId ?? null, path: `${parentPath}${id}/` });
    if (!row) throw new ConflictError(`A unit with code "${dto.code}" exists`, 'code', { code: 'field.unit-code-taken', params: { unitCode: dto.code } });
    return unitView(row);
  }

  async list(_caller: Caller, q: ListUnitsQueryDto) {
    return this.units.page(q.under, q, unitView);
  }

  async accounts(unitId: string, role: string | undefined) {
    const path = await this.units.path(unitId);
    if (path === undefined) throw new NotFoundError(`No unit ${unitId}`, 'id');
    return { items: (await this.units.accounts(path, role)).map(accountView) };
  }
}
