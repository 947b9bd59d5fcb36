// The control channel between `holdfast cluster stop|start <role>` and the running cluster: a
// small HTTP endpoint on loopback, `POST /roles/<role>/stop|start`, answered once the role's
// processes have stopped or are ready again. Its URL and a random bearer token are in
// cluster.json, which only the data dir's owner can read; a request without the token gets 401.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLUSTER_ROLES, type ClusterInfo, type ClusterRole } from './cluster-file';

export interface RoleControl {
  hold(role: ClusterRole): Promise<void>;
  release(role: ClusterRole): Promise<void>;
}

export interface ControlServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

const ACTIONS = ['stop', 'start'] as const;
type Action = (typeof ACTIONS)[number];

export async function startControlServer(control: RoleControl): Promise<ControlServer> {
  const token = randomBytes(24).toString('base64url');
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, { code: 'control_failed', message: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorised(req.headers.authorization, token))
      return reply(res, 401, { code: 'unauthorized', message: 'bearer token from cluster.json required' });
    const match = /^\/roles\/([a-z-]+)\/([a-z]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return reply(res, 404, { code: 'not_found', message: 'POST /roles/<role>/stop|start' });
    const [, role, action] = match;
    if (!isRole(role)) return reply(res, 400, { code: 'unknown_role', message: `roles: ${CLUSTER_ROLES.join(', ')}`, param: 'role' });
    if (!isAction(action)) return reply(res, 400, { code: 'unknown_action', message: 'stop or start', param: 'action' });
    if (action === 'stop') await control.hold(role);
    else await control.release(role);
    reply(res, 200, { role, action });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Asks the running cluster to stop or start a role; resolves once it has. */
export async function requestRoleAction(info: Pick<ClusterInfo, 'control'>, role: string, action: string): Promise<void> {
  const response = await fetch(`${info.control.url}/roles/${encodeURIComponent(role)}/${encodeURIComponent(action)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${info.control.token}` },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new Error(`cluster refused ${action} ${role} (${response.status}): ${body.message ?? ''}`);
  }
}

function authorised(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const isRole = (value: string): value is ClusterRole => (CLUSTER_ROLES as readonly string[]).includes(value);
const isAction = (value: string): value is Action => (ACTIONS as readonly string[]).includes(value);

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
