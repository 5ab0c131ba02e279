import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin', maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) username!: string;
  @ApiProperty({ example: 'admin-supervision', maxLength: 72, description: 'At most 72 bytes in UTF-8 (longer is refused with 400, never cut)' })
  @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 72 }) @IsString() @MinLength(1) @MaxLength(200) currentPassword!: string;
  @ApiProperty({
    minLength: 10, maxLength: 72,
    description: 'At least PASSWORD_MIN_LENGTH (10) characters and at most 72 bytes in UTF-8; not one of the most common passwords; not containing the username',
  })
  @IsString() @MinLength(1) @MaxLength(200) newPassword!: string;
}

export class TokenDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ description: 'True when the password must be changed (POST /api/auth/password) before anything else: other routes answer 403 with code error.password-change-required' })
  mustChangePassword!: boolean;
}
