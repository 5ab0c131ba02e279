import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin' }) @IsString() @MinLength(1) @MaxLength(100) username!: string;
  @ApiProperty({ example: 'admin-supervision' }) @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

export class TokenDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
}
