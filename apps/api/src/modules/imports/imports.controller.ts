import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { Policy } from '../../policy/policy.decorator';
import { ConfirmImportDto, ImportFormDto } from './imports.dto';
import { ImportsService, UploadedTable } from './imports.service';
import { importTemplate } from './template';

const planUuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such plan', 'id') });
const importUuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such import', 'importId') });
/** Task tables of up to 2,000 rows fit well under this. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const importId = ApiParam({ name: 'importId', schema: { type: 'string', format: 'uuid' }, description: 'The import, as the preview answered it' });
const IMPORT_VIEW = {
  description:
    'The import: its status (preview, confirming, done), the headers recognised, a summary, the progress of the confirmation, and every row as a draft project ' +
    '(kind, lead unit and co-units, owner, due date, targets, milestones) with `errors` and `warnings` ({code, column, header, params, message}), and once confirmed its outcome and project',
  schema: { type: 'object', required: ['id', 'planId', 'status', 'summary', 'progress', 'rows'], properties: { id: { type: 'string', format: 'uuid' }, planId: { type: 'string', format: 'uuid' }, status: { type: 'string', enum: ['preview', 'confirming', 'done'] }, summary: { type: 'object' }, progress: { type: 'object' }, rows: { type: 'array', items: { type: 'object' } } } },
};

/** Multer reads a multipart file name as latin1, while browsers send it in UTF-8 (重点任务分解表.xlsx). */
export function utf8Name(name: string): string {
  if (/[^\u0000-\u00ff]/.test(name)) return name;
  const text = Buffer.from(name, 'latin1').toString('utf8');
  return text.includes('\uFFFD') ? name : text;
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/plans')
export class ImportsController {
  constructor(private readonly service: ImportsService) {}

  @Policy('plan.import') @Get('imports/template.xlsx')
  @ApiProduces(XLSX) @ApiOkResponse({ description: 'The task breakdown table to fill in (重点任务分解表), with two example rows', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await importTemplate(), { type: XLSX, disposition: `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent('重点任务分解表模板.xlsx')}` });
  }

  @Policy('plan.coordinate') @Post(':id/imports')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data') @ApiCreatedResponse(IMPORT_VIEW)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'An .xlsx workbook, a .csv file or a .docx document holding the task breakdown table' },
        sheet: { type: 'string', description: 'The sheet of a workbook to read (the first by default)' },
        mapping: { type: 'string', description: 'JSON: the header (or 1-based column number) of each column the file names otherwise, e.g. {"task":"事项","due":5}' },
      },
    },
  })
  preview(@CurrentCaller() caller: Caller, @Param('id', planUuid) planId: string, @UploadedFile() file: UploadedTable | undefined, @Body() form: ImportFormDto) {
    return this.service.preview(caller, planId, file && { ...file, originalname: utf8Name(file.originalname ?? '') }, form);
  }

  @Policy('plan.coordinate') @Get(':id/imports/:importId') @importId @ApiOkResponse(IMPORT_VIEW)
  get(@CurrentCaller() caller: Caller, @Param('id', planUuid) planId: string, @Param('importId', importUuid) importId: string) {
    return this.service.get(caller, planId, importId);
  }

  @Policy('plan.coordinate') @Post(':id/imports/:importId/confirm') @HttpCode(202) @importId @ApiAcceptedResponse(IMPORT_VIEW)
  confirm(@CurrentCaller() caller: Caller, @Param('id', planUuid) planId: string, @Param('importId', importUuid) importId: string, @Body() dto: ConfirmImportDto) {
    return this.service.confirm(caller, planId, importId, dto);
  }
}
