import * as fs from 'node:fs';
import * as path from 'node:path';

/** Repository root (this file lives in libs/embedded/src, or dist/libs/embedded/src once built). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'src') dir = path.dirname(dir);
  return dir;
}

export interface ToolPaths {
  temporalCli: string;
  testServer: string;
  /** Installed with --with-cluster. */
  temporalServer?: string;
  temporalServerVersion?: string;
  sqlTool?: string;
  uiServer?: string;
  /** Installed with --with-k8s-check. */
  kubeconform?: string;
  kubernetesSchemas?: string;
}

/** Paths written by scripts/install-tools.sh: paths.env, and paths.optional.env for the tools installed on request. */
export function toolPaths(): ToolPaths {
  const file = path.join(repoRoot(), 'tools', 'paths.env');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run scripts/install-tools.sh first`);
  const optional = path.join(repoRoot(), 'tools', 'paths.optional.env');
  const vars = Object.fromEntries(
    [file, optional]
      .filter((f) => fs.existsSync(f))
      .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'))
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return {
    temporalCli: vars.TEMPORAL_CLI,
    testServer: vars.TEMPORAL_TEST_SERVER,
    temporalServer: vars.TEMPORAL_SERVER,
    temporalServerVersion: vars.TEMPORAL_SERVER_VERSION,
    sqlTool: vars.TEMPORAL_SQL_TOOL,
    uiServer: vars.TEMPORAL_UI_SERVER,
    kubeconform: vars.KUBECONFORM,
    kubernetesSchemas: vars.KUBERNETES_SCHEMAS,
  };
}
