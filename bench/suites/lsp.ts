import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type WorkspaceDiagnosticReport,
  WorkspaceDiagnosticRequest,
} from 'vscode-languageserver/node';
import { generateMixedSet } from '../generators/mixed';
import { SeededRandom, writeTree } from '../lib/inputs';
import { formatMs, type Row, type SuiteReport } from '../lib/report';
import { alternate, median } from '../lib/stats';
import type { BenchSuite, SuiteContext } from '../lib/suite';

const COPIES = 16;
const SPEEDUP_TARGET = 1.6;
const RSS_TARGET_MB = 300;
/** Passes per mode and server at full scale: one pass swung the ratio by ±0.2 between runs on this VM. */
const ROUNDS = 3;
/**
 * "Today" for the speed-up target: the server of this commit (before it kept
 * diagnostics compact and streamed the workspace pass), built from git in
 * the same run and measured on the same workspace.
 */
const BASE_COMMIT = '19b88c0';

/** What `/proc` says about the server process: CPU (user + system) and peak resident memory. */
interface ProcessUsage {
  cpuMs: number;
  peakRssMb: number;
}

function usageOf(pid: number): ProcessUsage | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    // utime and stime, in clock ticks of 10 ms.
    return { cpuMs: (Number(stat[11]) + Number(stat[12])) * 10, peakRssMb: peakKb / 1024 };
  } catch {
    return undefined;
  }
}

interface ServerProcess {
  child: ChildProcess;
  client: MessageConnection;
}

function startServerProcess(bundle: string): ServerProcess {
  const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  client.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  // Registrations, progress tokens and refresh requests only need an answer.
  client.onRequest(() => null);
  client.onNotification(() => undefined);
  return { child, client };
}

async function stopServerProcess({ child, client }: ServerProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await client.sendRequest('shutdown');
  await client.sendNotification('exit');
  await exited;
  client.dispose();
}

function initializeParams(root: string, pull: boolean) {
  const rootUri = pathToFileURL(root).href;
  return {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
    capabilities: {
      textDocument: pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : { publishDiagnostics: { versionSupport: true } },
      workspace: { configuration: true, workspaceFolders: true },
    },
  };
}

interface PassResult {
  ms: number;
  files: number;
  diagnostics: number;
  usage: ProcessUsage | undefined;
}

/** Pull: from `initialize` to the answer of one streamed `workspace/diagnostic`, as VS Code asks it. */
export async function pullPass(bundle: string, root: string, afterPass?: (pid: number) => Promise<void>): Promise<PassResult> {
  const server = startServerProcess(bundle);
  const reported = new Map<string, number>();
  const token = 'bench-workspace';
  server.client.onProgress(WorkspaceDiagnosticRequest.partialResult, token, (value) => {
    for (const item of value.items) reported.set(item.uri, item.kind === 'full' ? item.items.length : 0);
  });
  server.client.listen();
  const start = process.hrtime.bigint();
  await server.client.sendRequest('initialize', initializeParams(root, true));
  await server.client.sendNotification('initialized', {});
  const final = (await server.client.sendRequest('workspace/diagnostic', { previousResultIds: [], partialResultToken: token })) as WorkspaceDiagnosticReport;
  for (const item of final.items) reported.set(item.uri, item.kind === 'full' ? item.items.length : 0);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const usage = usageOf(server.child.pid!);
  await afterPass?.(server.child.pid!);
  await stopServerProcess(server);
  return { ms, files: reported.size, diagnostics: [...reported.values()].reduce((a, b) => a + b, 0), usage };
}

/** Push: from `initialize` until every file of the pull pass has been published once. */
export async function pushPass(bundle: string, root: string, files: number): Promise<PassResult> {
  const server = startServerProcess(bundle);
  const published = new Map<string, number>();
  let allPublished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allPublished = resolve));
  server.client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.set(params.uri, params.diagnostics.length);
    if (published.size >= files) allPublished();
  });
  server.client.listen();
  const start = process.hrtime.bigint();
  await server.client.sendRequest('initialize', initializeParams(root, false));
  await server.client.sendNotification('initialized', {});
  await done;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const usage = usageOf(server.child.pid!);
  await stopServerProcess(server);
  return { ms, files: published.size, diagnostics: [...published.values()].reduce((a, b) => a + b, 0), usage };
}

/** The rows of one mode: medians over the rounds, peak RSS the highest of them. */
function rows(mode: 'pull' | 'push', results: readonly PassResult[], base: readonly PassResult[] | undefined): Row[] {
  const medianMs = (passes: readonly PassResult[]) => median(passes.map((pass) => pass.ms));
  const medianCpu = (passes: readonly PassResult[]) => median(passes.map((pass) => pass.usage?.cpuMs ?? Number.NaN));
  const peakRss = (passes: readonly PassResult[]) => Math.max(...passes.map((pass) => pass.usage?.peakRssMb ?? Number.NaN));
  const speedup = base && medianMs(base) / medianMs(results);
  const rss = peakRss(results);
  return [
    {
      measure: `${mode}: all ${results[0]!.files} files reported (from initialize)`,
      median: medianMs(results),
      cpu: medianCpu(results),
      peer: base ? `${BASE_COMMIT} ${formatMs(medianMs(base))} (CPU ${formatMs(medianCpu(base))})` : undefined,
      ratio: speedup === undefined ? undefined : `${speedup.toFixed(2)}× faster`,
      target: `≥ ${SPEEDUP_TARGET}× faster than ${BASE_COMMIT}`,
      pass: speedup === undefined ? undefined : speedup >= SPEEDUP_TARGET,
    },
    {
      measure: `${mode}: server peak RSS (VmHWM) at that point`,
      throughput: Number.isNaN(rss) ? undefined : `${rss.toFixed(0)} MB`,
      peer: base ? `${BASE_COMMIT} ${peakRss(base).toFixed(0)} MB` : undefined,
      target: `≤ ${RSS_TARGET_MB} MB`,
      pass: Number.isNaN(rss) ? undefined : rss <= RSS_TARGET_MB,
    },
  ];
}

/** Builds the server bundle of a source tree into `outdir`; returns its path. */
function buildServer(sourceRoot: string, outdir: string): string {
  const build = spawnSync(process.execPath, [path.join(sourceRoot, 'scripts', 'build.mjs'), '--outdir', outdir], { cwd: sourceRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  return path.join(outdir, 'server.js');
}

/** The sources of BASE_COMMIT, extracted from git beside the run's inputs; undefined when the commit is not in this clone. */
function baseSources(context: SuiteContext): string | undefined {
  const archive = spawnSync('git', ['archive', '--format=tar', BASE_COMMIT], { cwd: context.repoRoot, maxBuffer: 1 << 30 });
  if (archive.status !== 0) return undefined;
  const directory = path.join(context.workDir, 'lsp-base-sources');
  fs.mkdirSync(directory, { recursive: true });
  spawnSync('tar', ['-x', '-C', directory], { input: archive.stdout });
  fs.symlinkSync(path.join(context.repoRoot, 'node_modules'), path.join(directory, 'node_modules'));
  return directory;
}

async function run(context: SuiteContext): Promise<SuiteReport> {
  const report: SuiteReport = { suite: 'lsp', title: 'language server: the workspace pass over a large mixed workspace', rows: [], notes: [] };
  const smoke = context.scale === 'smoke';
  const copies = smoke ? 1 : COPIES;
  const bundle = buildServer(context.repoRoot, path.join(context.workDir, 'lsp-server'));
  // At smoke scale the current server alone: a second build and its passes would only slow `npm test`.
  const baseRoot = smoke ? undefined : baseSources(context);
  const baseBundle = baseRoot && buildServer(baseRoot, path.join(context.workDir, 'lsp-base-server'));

  const components = smoke ? 2 : 38;
  const mixed = generateMixedSet(new SeededRandom(5600), context.repoRoot, components);
  const files: Record<string, string> = {};
  for (let copy = 0; copy < copies; copy++) {
    for (const [relative, text] of Object.entries(mixed)) files[`copy${String(copy).padStart(2, '0')}/${relative}`] = text;
  }
  const root = path.join(context.workDir, 'lsp-mixed');
  writeTree(root, files);
  const rounds = smoke ? 1 : ROUNDS;
  const against = baseBundle ? `, alternating with ${BASE_COMMIT}'s` : '';
  context.log(`lsp: ${Object.keys(files).length} files; ${rounds} pull passes${against}`);
  const servers: Record<string, string> = baseBundle ? { current: bundle, base: baseBundle } : { current: bundle };
  const passes = (pass: (server: string) => Promise<PassResult>) =>
    alternate(rounds, Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, () => pass(server)])));
  const pull = await passes((server) => pullPass(server, root));
  const fileCount = pull.current![0]!.files;
  context.log(`lsp: ${rounds} push passes${against}`);
  const push = await passes((server) => pushPass(server, root, fileCount));
  report.rows.push(...rows('pull', pull.current!, pull.base), ...rows('push', push.current!, push.base));
  report.notes.push(
    `Workspace: ${copies} ${copies === 1 ? 'copy' : 'copies'} of the mixed set (examples/demo-platform plus ${components} generated components: Dockerfile, Compose file, 3 Python modules, requirements, CHANGELOG.md, a script), ${Object.keys(files).length} files, ${pull.current![0]!.diagnostics} diagnostics (pull) / ${push.current![0]!.diagnostics} (push).`,
    `The server is a private build of the current sources (dist/server.js) in its own process over stdio, as an editor runs it; CPU is that process's user + system time from /proc (10 ms ticks), RSS its peak (VmHWM). ${rounds} ${rounds === 1 ? 'pass' : 'passes'} per mode and server, medians (RSS: the highest).`,
    baseBundle
      ? `"Today" is the server of ${BASE_COMMIT}, built from git in this run and timed on the same files, its passes alternating with the current server's (which goes first swaps each round); on a busy machine compare the CPU figures too.`
      : `No comparison with ${BASE_COMMIT}: ${smoke ? 'smoke scale' : 'the commit is not in this clone'}.`,
  );
  return report;
}

export const lspSuite: BenchSuite = { name: 'lsp', title: 'language server workspace pass', run };
