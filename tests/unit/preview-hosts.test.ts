import { describe, expect, it } from 'vitest';
import { hostChecker } from '../../src/preview/hosts.js';

describe('which Host headers the preview answers (DNS rebinding)', () => {
  it('answers its own address and localhost on its own port, nothing else', () => {
    const allowed = hostChecker('127.0.0.1', 4870);
    for (const host of ['127.0.0.1:4870', 'localhost:4870', 'LOCALHOST:4870', '[::1]:4870'])
      expect(allowed(host), host).toBe(true);
    for (const host of [
      undefined,
      '',
      'attacker.example:4870',
      'localhost.attacker.example:4870',
      '127.0.0.1.nip.io:4870',
      'localhost:4871',
      'localhost',
      '127.0.0.1:4870:1',
      '10.0.0.5:4870',
      'user@localhost:4870',
    ]) {
      expect(allowed(host), String(host)).toBe(false);
    }
  });

  it('answers an explicit --host by its name, and any IP address (never a name) when listening on every interface', () => {
    expect(hostChecker('192.168.1.20', 80)('192.168.1.20')).toBe(true);
    expect(hostChecker('::1', 9000)('[::1]:9000')).toBe(true);
    const everywhere = hostChecker('0.0.0.0', 4870);
    expect(everywhere('192.168.1.20:4870')).toBe(true);
    expect(everywhere('[fe80::1]:4870')).toBe(true);
    expect(everywhere('attacker.example:4870')).toBe(false);
  });
});
