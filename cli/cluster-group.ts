// All the processes of one `holdfast cluster`, in the order they started: starts each, holds
// and releases roles, stops everything in reverse, and keeps cluster.json in step with every
// pid change (a restart, a hold) so a script reading it always finds the live processes.
import { removeClusterInfo, writeClusterInfo, type ClusterInfo, type ClusterRole } from './cluster-file';
import type { RoleControl } from './cluster-control';
import { SupervisedProcess, type ProcessSpec } from './cluster-supervisor';

type Published = Omit<ClusterInfo, 'processes' | 'held'>;

export type ClusterProcessSpec = ProcessSpec & { role: ClusterRole };

export class ProcessGroup implements RoleControl {
  private readonly members: SupervisedProcess[] = [];
  private published?: Published;
  /** Writes go one after another, so an older snapshot never lands after a newer one. */
  private writing: Promise<void> = Promise.resolve();
  private readonly killOnExit = () => {
    // Last resort if this process dies without stopping them: never leave orphans behind.
    for (const member of this.members) {
      try {
        if (member.pid) process.kill(member.pid, 'SIGKILL');
      } catch {
        // Gone already: nothing to do, and an exit handler must not throw.
      }
    }
  };

  constructor(
    private readonly dataDir: string,
    private readonly log: (line: string) => void,
  ) {
    process.on('exit', this.killOnExit);
  }

  /** Starts a process under supervision; resolves once it is ready. */
  async start(spec: ClusterProcessSpec): Promise<void> {
    const member = new SupervisedProcess(spec, () => this.changed(), this.log);
    this.members.push(member);
    await member.start();
  }

  /** From now on cluster.json exists and follows every change. */
  async publish(info: Published): Promise<void> {
    this.published = info;
    this.changed();
    await this.writing;
  }

  async hold(role: ClusterRole): Promise<void> {
    const members = this.ofRole(role);
    this.log(`holding ${role} down (${members.length} process${members.length === 1 ? '' : 'es'})`);
    await Promise.all(members.map((member) => member.hold()));
    await this.writing;
  }

  async release(role: ClusterRole): Promise<void> {
    const members = this.ofRole(role);
    this.log(`bringing ${role} back`);
    await Promise.all(members.map((member) => member.release()));
    await this.writing;
  }

  /**
   * Stops every process, the last started first (each depends on those before it), then
   * removes cluster.json: while any process may still run, the file still names it.
   */
  async stopAll(): Promise<void> {
    const wasPublished = this.published !== undefined;
    this.published = undefined;
    await this.writing;
    for (const member of [...this.members].reverse()) {
      try {
        await member.stop();
      } catch (error) {
        this.log(`failed to stop ${member.spec.name}: ${String(error)}`);
      }
    }
    process.off('exit', this.killOnExit);
    if (wasPublished) await removeClusterInfo(this.dataDir);
  }

  private ofRole(role: ClusterRole): SupervisedProcess[] {
    const members = this.members.filter((member) => member.spec.role === role);
    if (members.length === 0) throw new Error(`this cluster runs no ${role}`);
    return members;
  }

  private changed(): void {
    const published = this.published;
    if (!published) return;
    this.writing = this.writing
      .then(() => writeClusterInfo(this.dataDir, { ...published, ...this.snapshot() }))
      .catch((error: unknown) => this.log(`could not write cluster.json: ${String(error)}`));
  }

  private snapshot(): Pick<ClusterInfo, 'processes' | 'held'> {
    const processes = this.members.flatMap((member) =>
      member.pid === undefined ? [] : [{ role: member.spec.role as ClusterRole, name: member.spec.name, pid: member.pid }],
    );
    const held = [...new Set(this.members.filter((member) => member.isHeld).map((member) => member.spec.role as ClusterRole))];
    return { processes, held };
  }
}
