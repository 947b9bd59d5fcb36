// The control endpoint of `holdfast cluster` acts only for whoever can read cluster.json.
import assert from 'node:assert/strict';
import { requestRoleAction, startControlServer, type ControlServer } from '../../cli/cluster-control';
import type { ClusterRole } from '../../cli/cluster-file';

describe('cluster control endpoint', () => {
  let server: ControlServer;
  const calls: string[] = [];

  before(async () => {
    server = await startControlServer({
      hold: async (role: ClusterRole) => void calls.push(`hold ${role}`),
      release: async (role: ClusterRole) => void calls.push(`release ${role}`),
    });
  });
  after(() => server.close());
  beforeEach(() => calls.splice(0));

  it('holds and releases a role for a request with the token', async () => {
    await requestRoleAction({ control: { url: server.url, token: server.token } }, 'worker', 'stop');
    await requestRoleAction({ control: { url: server.url, token: server.token } }, 'temporal-history', 'start');
    assert.deepEqual(calls, ['hold worker', 'release temporal-history']);
  });

  it('refuses a request without the token, and does nothing', async () => {
    const response = await fetch(`${server.url}/roles/worker/stop`, { method: 'POST', headers: { authorization: 'Bearer guess' } });
    assert.equal(response.status, 401);
    assert.deepEqual(calls, []);
  });

  it('answers an unknown role with a 400 naming the parameter', async () => {
    const response = await fetch(`${server.url}/roles/database/stop`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { code: string; param: string };
    assert.deepEqual([body.code, body.param], ['unknown_role', 'role']);
    assert.deepEqual(calls, []);
  });
});
