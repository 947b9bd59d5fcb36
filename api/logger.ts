// Structured JSON logs. Request bodies are never logged (they may carry customer data, and
// a refused card number must leave no trace); neither are credentials.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'holdfast' }, redact: ['req.headers.authorization'] });
}
