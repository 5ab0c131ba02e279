import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Paths the API answers itself; everything else that is a GET for a page belongs to the web UI. */
const API_PATHS = /^\/(api|health|metrics)(\/|$)/;

/** The built web UI (`apps/web/dist`): WEB_DIST, else found above this file (works from the sources and from dist/). */
export function findWebDist(start = __dirname): string | undefined {
  if (process.env.WEB_DIST) return fs.existsSync(path.join(process.env.WEB_DIST, 'index.html')) ? process.env.WEB_DIST : undefined;
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'apps/web/dist');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Serves the single-page UI at / on the API's own origin (no CORS): hashed assets cached for a year,
 * index.html never cached, and any other page path falls back to index.html for the client router.
 */
@Injectable()
export class WebUiServer implements OnModuleInit {
  private readonly logger = new Logger('WebUi');
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit() {
    const dist = findWebDist();
    if (!dist) {
      this.logger.warn('The web UI is not built (apps/web/dist); `npm start` builds it.');
      return;
    }
    const app = this.adapter.httpAdapter.getInstance<express.Express>();
    const assets = express.static(dist, {
      index: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    const index = path.join(dist, 'index.html');
    app.use((req: Request, res: Response, next: NextFunction) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
      assets(req, res, () => {
        // A missing asset is a 404, not the page; a page path gets the app.
        if (req.path.startsWith('/assets/') || path.extname(req.path)) return next();
        res.setHeader('Cache-Control', 'no-cache');
        res.sendFile(index);
      });
    });
  }
}

@Module({ providers: [WebUiServer] })
export class WebModule {}
