/**
 * Stand-ins for `vscode` and `vscode-languageclient/node`, which exist only
 * inside the editor, so the client's activation can run under node:test.
 * Importing this module installs them for every later `require`.
 */
import Module from 'node:module';

type Listener = () => void;
const disposable = { dispose() {} };

export interface FakeStatusItem {
  id: string;
  selector: unknown;
  name?: string;
  text?: string;
  detail?: string;
  busy?: boolean;
  severity?: number;
  command?: { title: string; command: string };
}

export const editor = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  statusItems: [] as FakeStatusItem[],
  diagnostics: [] as Array<[unknown, Array<{ source?: string }>]>,
  diagnosticListeners: [] as Listener[],
  outputShown: 0,
};

export const LanguageStatusSeverity = { Information: 0, Warning: 1, Error: 2 };

const vscode = {
  LanguageStatusSeverity,
  Disposable: { from: () => disposable },
  window: {
    createOutputChannel: (name: string) => ({ name, show: () => void editor.outputShown++, dispose() {} }),
  },
  commands: {
    registerCommand(id: string, run: (...args: unknown[]) => unknown) {
      if (editor.commands.has(id)) throw new Error(`command ${id} already exists`);
      editor.commands.set(id, run);
      return disposable;
    },
  },
  languages: {
    createLanguageStatusItem(id: string, selector: unknown) {
      const item: FakeStatusItem & { dispose(): void } = { id, selector, dispose() {} };
      editor.statusItems.push(item);
      return item;
    },
    getDiagnostics: () => editor.diagnostics,
    onDidChangeDiagnostics(listener: Listener) {
      editor.diagnosticListeners.push(listener);
      return disposable;
    },
  },
};

export class FakeLanguageClient {
  static instances: FakeLanguageClient[] = [];
  readonly notificationHandlers = new Map<string, (params: unknown) => void>();
  started = 0;
  restarted = 0;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly serverOptions: { run: { module: string; transport: number } },
    readonly clientOptions: { documentSelector: unknown[]; outputChannel: { show(): void } },
  ) {
    FakeLanguageClient.instances.push(this);
  }

  get outputChannel() {
    return this.clientOptions.outputChannel;
  }

  onNotification(method: string, handler: (params: unknown) => void) {
    this.notificationHandlers.set(method, handler);
    return disposable;
  }

  async start() {
    this.started++;
  }

  async restart() {
    this.restarted++;
  }

  async stop() {}
}

export const TransportKind = { stdio: 0, ipc: 1 };

const languageClient = new Proxy(
  { LanguageClient: FakeLanguageClient, TransportKind } as Record<string | symbol, unknown>,
  // Request types and the like, which palette commands only pass through.
  { get: (target, property) => target[property] ?? { type: { method: String(property) } } },
);

const fakes: Record<string, unknown> = { vscode, 'vscode-languageclient/node': languageClient };
const moduleWithLoad = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
const load = moduleWithLoad._load;
moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
  return request in fakes ? fakes[request] : load.call(this, request, ...rest);
};
