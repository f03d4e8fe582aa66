import assert from 'node:assert/strict';
import { isLoopbackAddress, isLoopbackUrl } from '../../../channels/bot-framework/index.js';

describe('Bot Framework Emulator mode: what counts as loopback', () => {
  it('takes 127.0.0.0/8, ::1 and IPv4-mapped 127.x socket addresses, nothing else', () => {
    const table: [string | undefined, boolean][] = [
      ['127.0.0.1', true],
      ['127.200.3.4', true],
      ['::1', true],
      ['::ffff:127.0.0.1', true],
      ['192.0.2.2', false],
      ['10.0.0.1', false],
      ['::ffff:192.0.2.2', false],
      ['fd00::2', false],
      ['128.0.0.1', false],
      ['localhost', false],
      ['', false],
      [undefined, false],
    ];
    for (const [address, loopback] of table)
      assert.equal(isLoopbackAddress(address), loopback, String(address));
  });

  it('replies only to http(s) serviceUrls on localhost, 127.x or [::1]', () => {
    const table: [unknown, boolean][] = [
      ['http://localhost:53210', true],
      ['https://localhost/', true],
      ['http://127.0.0.1:9', true],
      ['http://127.1/', true],
      ['http://[::1]:53210/path', true],
      ['https://smba.trafficmanager.net/amer/', false],
      ['http://192.0.2.2:8080', false],
      ['http://localhost.attacker.example/', false],
      ['http://127.0.0.1.nip.io/', false],
      ['ftp://127.0.0.1/', false],
      ['file:///etc/passwd', false],
      ['not a url', false],
      [undefined, false],
      [42, false],
    ];
    for (const [url, loopback] of table) assert.equal(isLoopbackUrl(url), loopback, String(url));
  });
});
