// Prometheus's promtool, which checks the alert rules (monitoring/): Debian's prometheus package.
import { debianExecutable } from './debian-package';

export const promtoolExecutable = (): Promise<string> => debianExecutable('/usr/bin/promtool', 'prometheus');
