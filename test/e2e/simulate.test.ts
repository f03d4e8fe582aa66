/** `npm run simulate -- sms` as a person uses it, with lines piped in instead of typed. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

const ROOT = new URL('../../', import.meta.url).pathname;

function simulate(channel: string, input: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', channel], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
}

describe('npm run simulate', function () {
  this.timeout(120_000);

  it('sms: chats through the signed webhook and prints what the fake Twilio received', async () => {
    const { code, out } = await simulate(
      'sms',
      'how do i start a business\nfree smoke alarm\n2\nSTOP\nhello\n',
    );
    assert.equal(code, 0, out);
    assert.match(
      out,
      /you> how do i start a business\nbot> To start a business: .*Commercial Activity License/,
    );
    assert.match(out, /1\) Yes\n\s+2\) No\n\s+Reply 1 or 2\./);
    assert.match(out, /you> 2\nbot> OK, I won't report it/);
    assert.match(out, /you> STOP\n\(no reply\)\nyou> hello\n\(no reply\)/);
  });

  it('refuses an unknown channel', async () => {
    const { code } = await simulate('fax', '');
    assert.equal(code, 2);
  });
});
