import { Worker } from 'node:worker_threads';
import * as samlify from 'samlify';

type Pending = { resolve(valid: boolean): void; reject(err: Error): void };

/**
 * XSD validation of every incoming SAML message (SAML core, protocol, xmldsig and xenc schemas),
 * in one long-lived worker thread per process, so a validation never blocks the event loop.
 * The worker is unref'd: an idle validator does not keep the process (or a test run) alive.
 */
class SchemaValidator {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  private start(): Worker {
    const worker = new Worker(new URL('./schema-worker.ts', import.meta.url));
    worker.on('message', ({ id, valid }: { id: number; valid: boolean }) => {
      this.pending.get(id)?.resolve(valid);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
    });
    worker.on('error', (err) => this.fail(worker, err));
    worker.on('exit', () => this.fail(worker, new Error('SAML schema worker stopped')));
    worker.unref();
    return worker;
  }

  private fail(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  isValid(xml: string): Promise<boolean> {
    this.worker ??= this.start();
    const worker = this.worker;
    const id = this.nextId++;
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, xml });
    });
  }
}

const validator = new SchemaValidator();

/** True when the document is valid against the SAML 2.0 schemas. */
export function isSchemaValid(xml: string): Promise<boolean> {
  return validator.isValid(xml);
}

// samlify refuses to parse anything until a validator is set; it is this one everywhere.
samlify.setSchemaValidator({
  validate: async (xml: string) => {
    if (!(await validator.isValid(xml))) throw new Error('ERR_INVALID_XML');
    return 'SUCCESS_VALIDATE_XML';
  },
});
