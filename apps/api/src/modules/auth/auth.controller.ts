import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth';
import { LoginDto, TokenDto } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public() @Post('login') @HttpCode(200) @ApiOkResponse({ type: TokenDto })
  login(@Body() dto: LoginDto): Promise<TokenDto> {
    return this.auth.login(dto.username, dto.password);
  }
}
