/**
 * SSH signatures of a delivery manifest through `ssh-keygen -Y` (OpenSSH 8.1 and later), run
 * with execFile-style argument lists, never a shell. The data goes in on stdin.
 */
import { spawn } from 'node:child_process';
import { EnvironmentError } from './errors.js';

/** What ssh-keygen gave: its exit code and its output. */
interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ssh-keygen args` with `input` on stdin. @throws EnvironmentError when ssh-keygen cannot be run. */
function sshKeygen(args: readonly string[], input: string | Buffer): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh-keygen', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (e) =>
      reject(
        new EnvironmentError(
          `ssh-keygen cannot be run: ${e.message}`,
          'Install OpenSSH (8.1 or later), e.g. apt-get install openssh-client.',
        ),
      ),
    );
    child.stdin.on('error', () => {});
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * Signs `data` with the SSH private key in `keyFile` in `namespace`
 * (`ssh-keygen -Y sign -f key -n namespace`). @returns the armoured signature.
 * @throws EnvironmentError when ssh-keygen fails (a missing key, one with a passphrase and no agent).
 */
export async function sshSign(data: Buffer, keyFile: string, namespace: string): Promise<string> {
  const r = await sshKeygen(['-q', '-Y', 'sign', '-f', keyFile, '-n', namespace], data);
  if (r.code !== 0 || !r.stdout.includes('BEGIN SSH SIGNATURE'))
    throw new EnvironmentError(
      `ssh-keygen could not sign with ${keyFile}: ${r.stderr.trim().split('\n')[0] ?? ''}`,
      'Give --sign-key an SSH private key without a passphrase, or one loaded in ssh-agent.',
    );
  return r.stdout;
}

/** The outcome of checking a signature: `ok`, who signed (a principal of the allowed signers, when checked against them) and ssh-keygen's words. */
export interface SignatureCheck {
  ok: boolean;
  principal?: string;
  message: string;
}

/**
 * Checks `signatureFile` over `data` in `namespace`. With `allowedSigners` (an OpenSSH
 * allowed-signers file): finds the principal the key belongs to (`ssh-keygen -Y
 * find-principals`) and verifies against it (`ssh-keygen -Y verify`). Without: only that the
 * signature is sound and made by the key it carries (`ssh-keygen -Y check-novalidate`), which
 * says nothing of whose key that is.
 */
export async function sshVerify(
  data: Buffer,
  signatureFile: string,
  namespace: string,
  allowedSigners: string | undefined,
): Promise<SignatureCheck> {
  if (allowedSigners === undefined) {
    const r = await sshKeygen(
      ['-Y', 'check-novalidate', '-n', namespace, '-s', signatureFile],
      data,
    );
    return { ok: r.code === 0, message: (r.code === 0 ? r.stdout : r.stderr).trim() };
  }
  const found = await sshKeygen(
    ['-Y', 'find-principals', '-s', signatureFile, '-f', allowedSigners],
    Buffer.alloc(0),
  );
  const principal = found.stdout.trim().split('\n')[0];
  if (found.code !== 0 || !principal)
    return { ok: false, message: 'the key that signed is not in the allowed signers file' };
  const r = await sshKeygen(
    ['-Y', 'verify', '-f', allowedSigners, '-I', principal, '-n', namespace, '-s', signatureFile],
    data,
  );
  return { ok: r.code === 0, principal, message: (r.code === 0 ? r.stdout : r.stderr).trim() };
}
