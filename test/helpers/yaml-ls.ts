/**
 * yaml-language-server (the engine of the YAML extensions of VS Code, Neovim, Helix...) run
 * as an editor runs it: a child process speaking the Language Server Protocol over stdio,
 * with Content-Length framed JSON-RPC. The schema store is off and nothing here answers a
 * request for a remote schema, so a file validates only against a schema its
 * `# yaml-language-server: $schema=<path>` line names on disk: no network.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './cli.js';

/** One diagnostic as the server publishes it; `line` is 1-based, as `letter check` counts. */
export interface Diagnostic {
  line: number;
  message: string;
}

/** A running server: `validate(files)` opens each file and returns its diagnostics; `close()` shuts it down. */
export interface YamlLanguageServer {
  validate(files: string[]): Promise<Map<string, Diagnostic[]>>;
  close(): Promise<void>;
}

const SERVER = path.join(
  ROOT,
  'node_modules',
  'yaml-language-server',
  'bin',
  'yaml-language-server',
);

/** Starts yaml-language-server over stdio, configured as an editor with the schema store off would be. */
export async function startYamlLanguageServer(workspace: string): Promise<YamlLanguageServer> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [SERVER, '--stdio'], {
    stdio: 'pipe',
  });
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const replies = new Map<number, (result: unknown) => void>();
  const published = new Map<string, (d: Diagnostic[]) => void>();
  const send = (message: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    child.stdin.write(
      Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]),
    );
  };
  const request = (method: string, params: unknown) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      replies.set(id, resolve);
      send({ id, method, params });
    });
  const receive = (m: {
    id?: number;
    method?: string;
    params?: {
      uri: string;
      diagnostics: { range: { start: { line: number } }; message: string }[];
    };
    result?: unknown;
  }) => {
    if (m.method === 'textDocument/publishDiagnostics' && m.params) {
      published.get(m.params.uri)?.(
        m.params.diagnostics.map((d) => ({ line: d.range.start.line + 1, message: d.message })),
      );
      published.delete(m.params.uri);
    } else if (m.method !== undefined && m.id !== undefined)
      send({ id: m.id, result: null }); // a request of the server's (registerCapability, configuration)
    else if (m.id !== undefined) replies.get(m.id)?.(m.result);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(
        /Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString('ascii'))?.[1],
      );
      if (buffer.length < end + 4 + length) return;
      receive(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8')));
      buffer = buffer.subarray(end + 4 + length);
    }
  });
  const rootUri = pathToFileURL(workspace).href;
  await request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'letters' }],
    capabilities: { textDocument: { publishDiagnostics: {} } },
  });
  send({ method: 'initialized', params: {} });
  send({
    method: 'workspace/didChangeConfiguration',
    params: {
      settings: {
        yaml: {
          validate: true,
          hover: false,
          completion: false,
          format: { enable: false },
          schemaStore: { enable: false },
          schemas: {},
        },
      },
    },
  });
  let version = 0;
  return {
    async validate(files) {
      const results = await Promise.all(
        files.map((file) => {
          const uri = pathToFileURL(file).href;
          const diagnostics = new Promise<Diagnostic[]>((resolve) => published.set(uri, resolve));
          send({
            method: 'textDocument/didOpen',
            params: {
              textDocument: {
                uri,
                languageId: 'yaml',
                version: ++version,
                text: readFileSync(file, 'utf8'),
              },
            },
          });
          return diagnostics.then((d) => {
            send({ method: 'textDocument/didClose', params: { textDocument: { uri } } });
            return [file, d] as const;
          });
        }),
      );
      return new Map(results);
    },
    async close() {
      await request('shutdown', null);
      send({ method: 'exit' });
      await new Promise((resolve) =>
        child.exitCode !== null ? resolve(null) : child.on('close', resolve),
      );
    },
  };
}
