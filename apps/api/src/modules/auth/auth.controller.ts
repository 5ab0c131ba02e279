import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowedBeforePasswordChange, Caller, CurrentCaller } from '../../common/auth';
import { Policy } from '../../policy/policy.decorator';
import { ChangePasswordDto, LoginDto, TokenDto } from './auth.dto';
import { AuthService } from './auth.service';

/** The address a sign-in comes from (the socket's, or the proxy's X-Forwarded-For when the app trusts a proxy). */
const addressOf = (req: { ip?: string; socket?: { remoteAddress?: string } }) => (req.ip ?? req.socket?.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Policy('public') @Post('login') @HttpCode(200) @ApiOkResponse({ type: TokenDto })
  login(@Body() dto: LoginDto, @Req() req: { ip?: string }): Promise<TokenDto> {
    return this.auth.login(dto.username, dto.password, addressOf(req));
  }

  @Policy('self') @Post('password') @HttpCode(200) @AllowedBeforePasswordChange() @ApiBearerAuth() @ApiOkResponse({ type: TokenDto, description: 'A new token; every other token of the user is signed out' })
  changePassword(@CurrentCaller() caller: Caller, @Body() dto: ChangePasswordDto, @Req() req: { ip?: string }): Promise<TokenDto> {
    return this.auth.changePassword(caller, dto.currentPassword, dto.newPassword, addressOf(req));
  }

  @Policy('self') @Post('logout') @HttpCode(204) @AllowedBeforePasswordChange() @ApiBearerAuth() @ApiNoContentResponse({ description: 'This token is signed out' })
  async logout(@CurrentCaller() caller: Caller): Promise<void> {
    await this.auth.logout(caller);
  }

  @Policy('self') @Post('logout-everywhere') @HttpCode(204) @AllowedBeforePasswordChange() @ApiBearerAuth() @ApiNoContentResponse({ description: 'Every token of this user is signed out' })
  async logoutEverywhere(@CurrentCaller() caller: Caller): Promise<void> {
    await this.auth.logoutEverywhere(caller.userId);
  }
}
