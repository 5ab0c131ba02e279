import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { CreateUserDto, ListUsersQueryDto } from './users.dto';
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
}
