import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthService } from './health.service';
import { Policy } from '../../policy/policy.decorator';
import { ExposedBySetting } from '../../common/auth';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Policy('public') @Get('health')
  async check(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const report = await this.health.check();
    res.status(report.status === 'up' ? 200 : 503);
    return report;
  }

  @Policy('public') @ExposedBySetting('metrics') @Get('metrics') @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics() {
    return this.health.metrics();
  }
}
