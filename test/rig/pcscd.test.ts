import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVpcdConfig } from './pcscd.ts';

describe('vpcd config', () => {
  it("gives both slots' reader names and ports", () => {
    const debian = [
      'FRIENDLYNAME "Virtual PCD"',
      'DEVICENAME   /dev/null:0x8C7B',
      'LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so',
      'CHANNELID    0x8C7B',
    ].join('\n');
    assert.deepEqual(parseVpcdConfig(debian), [
      { readerName: 'Virtual PCD 00 00', port: 35963 },
      { readerName: 'Virtual PCD 00 01', port: 35964 },
    ]);
    assert.equal(parseVpcdConfig('FRIENDLYNAME "Rig"\nDEVICENAME /dev/null:40000\n')[1]?.port, 40001);
  });

  it('refuses a config without a port', () => {
    assert.throws(() => parseVpcdConfig('FRIENDLYNAME "Virtual PCD"\n'), /DEVICENAME/);
  });
});
