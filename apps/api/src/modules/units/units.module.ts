import { Body, Controller, Get, Injectable, Module, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Caller, CurrentCaller, Roles } from '../../common/auth';
import { PageQueryDto } from '../../common/dto';
import { ConflictError, NotFoundError } from '../../common/errors';

export const UNIT_TYPES = ['bureau', 'district', 'county', 'school', 'department', 'office'] as const;

export class CreateUnitDto {
  @ApiProperty({ example: 'zhongmou-edu' }) @IsString() @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'must be 1–64 lowercase letters, digits, _ or -' }) code!: string;
  @ApiProperty({ example: '中牟县教育局' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: UNIT_TYPES }) @IsIn(UNIT_TYPES as unknown as string[]) type!: string;
  @ApiPropertyOptional({ description: 'The unit above; absent for the top of the tree' }) @IsOptional() @IsUUID() parentId?: string;
}
export class ListUnitsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this unit and the units below it' }) @IsOptional() @IsUUID() under?: string;
}

const view = (u: Record<string, any>) => ({ id: u.id, code: u.code, name: u.name, type: u.type, parentId: u.parent_id, path: u.path });

@Injectable()
export class UnitsService {
  constructor(private readonly ds: DataSource) {}

  async create(dto: CreateUnitDto) {
    let parentPath = '';
    if (dto.parentId) {
      const [parent] = await this.ds.query('SELECT path FROM units WHERE id = $1', [dto.parentId]);
      if (!parent) throw new NotFoundError(`No unit ${dto.parentId}`, 'parentId');
      parentPath = parent.path;
    }
    const id = randomUUID();
    const rows = await this.ds.query(
      `INSERT INTO units (id, code, name, type, parent_id, path) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING *`,
      [id, dto.code, dto.name, dto.type, dto.parentId ?? null, `${parentPath}${id}/`],
    );
    if (!rows.length) throw new ConflictError(`A unit with code "${dto.code}" exists`, 'code');
    return view(rows[0]);
  }

  async list(caller: Caller, q: ListUnitsQueryDto) {
    const params: unknown[] = [];
    let where = 'TRUE';
    if (q.under) {
      params.push(q.under);
      where = `path LIKE (SELECT path FROM units WHERE id = $1) || '%'`;
    }
    const rows = await this.ds.query(`SELECT * FROM units WHERE ${where} ORDER BY path LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, q.pageSize, (q.page - 1) * q.pageSize]);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM units WHERE ${where}`, params);
    return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total };
  }
}

@ApiTags('units')
@ApiBearerAuth()
@Controller('api/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post() @Roles('admin')
  create(@Body() dto: CreateUnitDto) {
    return this.units.create(dto);
  }

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() q: ListUnitsQueryDto) {
    return this.units.list(caller, q);
  }
}

@Module({ controllers: [UnitsController], providers: [UnitsService], exports: [UnitsService] })
export class UnitsModule {}
