import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { CreateUserDto, ListUsersQueryDto, SetLocaleDto } from './users.dto';
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

  @Policy('self') @Get('me')
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
