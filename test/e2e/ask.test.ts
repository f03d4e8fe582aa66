import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs `npm run --silent ask -- <args>` as staff and tools do; resolves with stdout, stderr and the exit code. */
function ask(
  args: readonly string[],
  stdin = '',
): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'ask', '--', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ out, err, code }));
    child.stdin.end(stdin);
  });
}

interface AskLine {
  q: string;
  outcome: string;
  topic: string | null;
  score: number;
  alternatives: { topic: string; score: number }[];
  reply: string;
}

describe('npm run ask (the staff tool contract)', function () {
  this.timeout(90_000);

  it('--json: one JSON object per question line, each a fresh conversation, nothing else on stdout', async () => {
    const questions = [
      'how do I get a free smoke alarm',
      'my neighbors house is on fire',
      'xqzv blorf wuggle',
      'yes',
      '',
      'how do i register to vote',
    ];
    const { out, code } = await ask(['--json'], `${questions.join('\n')}\n`);
    assert.equal(code, 0);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 5, 'blank lines are skipped');
    const answers = lines.map((l) => JSON.parse(l) as AskLine);
    for (const a of answers) {
      assert.deepEqual(Object.keys(a), ['q', 'outcome', 'topic', 'score', 'alternatives', 'reply']);
      assert.ok(
        ['answer', 'clarify', 'no-match', 'emergency', 'service-request'].includes(a.outcome),
        a.outcome,
      );
      assert.ok(a.score >= 0 && a.score <= 1);
      assert.ok(a.reply.length > 0);
      for (const alt of a.alternatives)
        assert.ok(typeof alt.topic === 'string' && alt.score >= 0 && alt.score <= 1);
    }
    const [smoke, fire, life, yes, vote] = answers;
    assert.deepEqual(
      [smoke?.q, smoke?.outcome, smoke?.topic],
      ['how do I get a free smoke alarm', 'answer', 'smoke-alarm'],
    );
    assert.match(smoke?.reply ?? '', /Want me to report it\?\n1\. Yes\n2\. No$/);
    assert.deepEqual([fire?.outcome, fire?.topic], ['emergency', null]);
    assert.match(fire?.reply ?? '', /911/);
    assert.equal(life?.outcome, 'no-match');
    // A fresh conversation: "yes" is not taken as an answer to the smoke alarm offer.
    assert.notEqual(yes?.outcome, 'service-request');
    assert.equal(vote?.topic, 'voting');
  });

  it('with a question prints the reply text only', async () => {
    const { out, code } = await ask(['how do i register to vote']);
    assert.equal(code, 0);
    assert.match(out, /register/i);
    assert.doesNotMatch(out, /^\{/);
  });

  it('--chat keeps one conversation across lines', async () => {
    const { out, code } = await ask(['--chat'], 'how do I get a free smoke alarm\nno\n');
    assert.equal(code, 0);
    assert.match(out, /Want me to report it\?\n1\. Yes\n2\. No\n/);
    assert.match(out, /won't report it/);
  });

  it('without a question explains its usage on stderr and fails', async () => {
    const { out, err, code } = await ask([]);
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /usage/);
  });
});
