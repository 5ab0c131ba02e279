import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AllowedBeforePasswordChange, Caller, CurrentCaller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { CreateUserDto, ListUsersQueryDto, SetLocaleDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';
import { Policy } from '../../policy/policy.decorator';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Policy('admin') @Post()
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Policy('admin') @Get()
  list(@Query() q: ListUsersQueryDto) {
    return this.users.list(q);
  }

  @Policy('admin') @Patch(':id')
  update(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such user', 'id') })) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(caller, id, dto);
  }

  @Policy('admin') @Delete(':id') @HttpCode(204)
  async remove(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such user', 'id') })) id: string): Promise<void> {
    await this.users.remove(caller, id);
  }

  @Policy('self') @AllowedBeforePasswordChange() @Get('me')
  me(@CurrentCaller() caller: Caller) {
    return this.users.me(caller);
  }

  @Policy('self') @Put('me/locale')
  setMyLocale(@CurrentCaller() caller: Caller, @Body() dto: SetLocaleDto) {
    return this.users.setLocale(caller.userId, dto.locale);
  }

  @Policy('admin') @Put(':id/locale')
  setLocale(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such user', 'id') })) id: string, @Body() dto: SetLocaleDto) {
    return this.users.setLocale(id, dto.locale);
  }
}
