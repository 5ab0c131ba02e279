import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LoginDto, TokenDto } from './auth.dto';
import { AuthService } from './auth.service';
import { Policy } from '../../policy/policy.decorator';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Policy('public') @Post('login') @HttpCode(200) @ApiOkResponse({ type: TokenDto })
  login(@Body() dto: LoginDto): Promise<TokenDto> {
    return this.auth.login(dto.username, dto.password);
  }
}
