import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '../../common/auth';
import { CreateUserDto, ListUsersQueryDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post() @Roles('admin')
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get() @Roles('admin')
  list(@Query() q: ListUsersQueryDto) {
    return this.users.list(q);
  }

  @Get('me')
  me(@CurrentCaller() caller: Caller) {
    return this.users.me(caller);
  }
}
