import os from 'node:os';
import { Worker } from 'node:worker_threads';

/** An address as mailparser reads it; a group ("Team: a@x, b@x;") holds its members. */
export type MimeAddress = { address?: string | undefined; name?: string | undefined; group?: MimeAddress[] };

/** What Loket reads of a parsed message, as plain data that crosses a thread. */
export type MimeMail = {
  headerLines: { key: string; line: string }[];
  subject: string | undefined;
  messageId: string | undefined;
  inReplyTo: string | undefined;
  references: string | string[] | undefined;
  from: MimeAddress[];
  to: MimeAddress[];
  cc: MimeAddress[];
  text: string | undefined;
  html: string | undefined;
  attachments: { filename: string | undefined; contentType: string; content: Uint8Array; cid: string | undefined }[];
};

export type MimeRequest = { id: number; raw: Uint8Array; maxHtmlLength: number };
export type MimeResponse =
  | { id: number; ok: true; mail: MimeMail }
  | { id: number; ok: false; message: string }
  /** Sent once when the thread has loaded mailparser: a parse's time limit starts then, not while it starts up. */
  | { ready: true };

/**
 * Why a parse did not produce a message: too slow, too much memory, mailparser refused it — the message's fault — or
 * `unavailable`: the thread crashed, could not start or the pool was closed, which says nothing about the message.
 */
export type MimeParseFailure = 'timeout' | 'memory' | 'failed' | 'unavailable';
export class MimeParseError extends Error {
  readonly reason: MimeParseFailure;
  constructor(reason: MimeParseFailure, message: string) {
    super(message);
    this.reason = reason;
  }
}

export type MimeParserOptions = {
  /**
   * Threads parsing at most at once; more requests wait their turn (the time limit starts when a thread takes one).
   * Threads beyond the first start only while the running parses are slow (SLOW_PARSE_MS).
   */
  threads: number;
  /** The V8 heap one parsing thread may use; a message that needs more fails with reason `memory`. */
  heapMb: number;
};

type Pending = {
  request: Omit<MimeRequest, 'id'>;
  timeoutMs: number;
  resolve(mail: MimeMail): void;
  reject(error: MimeParseError): void;
};

type Running = { id: number; job: Pending; timer: NodeJS.Timeout | undefined; startedAt: number };

/**
 * A parse running longer than this lets a waiting one start on another thread. Below it, waiting parses queue for
 * the busy thread: every thread warms up (JIT-compiles) mailparser on its own and costs CPU for that, so one warm
 * thread does the normal work (a message parses in well under a millisecond) and more start only when a slow message
 * would otherwise hold the rest up.
 */
const SLOW_PARSE_MS = 200;

const WORKER_URL = new URL('./mime-parser-worker.ts', import.meta.url);

/**
 * mailparser in worker threads, so parsing is bounded for real: a parse that outruns its time limit is stopped by
 * terminating its thread (a `Promise.race` would only stop waiting for it, and the parse would go on using a CPU),
 * and each thread's heap is capped (`resourceLimits`), so a message built to exhaust memory fails alone. Threads are
 * started on demand, replaced after a termination or a crash, and `unref`'d: an idle pool keeps no process alive.
 * Parsing off the main thread also leaves it to the HTTP server, the SMTP receiver and the database work.
 */
export class MimeParserPool {
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Running>();
  private readonly queue: Pending[] = [];
  private readonly ready = new WeakSet<Worker>();
  private recheck: NodeJS.Timeout | undefined;
  private nextId = 1;
  /** Threads terminated because a parse ran out of time or memory, or crashed: for tests and diagnostics. */
  stopped = 0;
  /** Threads started: for tests and diagnostics. */
  started = 0;

  private readonly options: MimeParserOptions;

  constructor(options: MimeParserOptions) {
    this.options = options;
  }

  parse(raw: Buffer, limits: { timeoutMs: number; maxHtmlLength: number }): Promise<MimeMail> {
    return new Promise<MimeMail>((resolve, reject) => {
      this.queue.push({
        request: {
          raw: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
          maxHtmlLength: limits.maxHtmlLength,
        },
        timeoutMs: limits.timeoutMs,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** Stops every thread; parses still running or waiting fail. */
  async close(): Promise<void> {
    const workers = [...this.idle, ...this.running.keys()];
    this.idle.length = 0;
    clearTimeout(this.recheck);
    for (const job of this.queue.splice(0)) job.reject(new MimeParseError('unavailable', 'The parser was closed'));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.mayGrow() ? this.spawn() : undefined);
      if (!worker) {
        // All threads are busy: look again once the oldest parse could count as slow.
        this.recheck ??= setTimeout(() => {
          this.recheck = undefined;
          this.pump();
        }, SLOW_PARSE_MS).unref();
        return;
      }
      const job = this.queue.shift()!;
      const id = this.nextId++;
      const timer = this.ready.has(worker) ? this.limit(worker, job) : undefined;
      this.running.set(worker, { id, job, timer, startedAt: Date.now() });
      worker.postMessage({ id, ...job.request } satisfies MimeRequest);
    }
  }

  /** Another thread may start: none runs yet, or every running parse has run (on a ready thread) past SLOW_PARSE_MS. */
  private mayGrow(): boolean {
    if (this.size() >= this.options.threads) return false;
    if (this.size() === 0) return true;
    const now = Date.now();
    // A thread still starting is not slow; its parse's clock starts when it is ready.
    return [...this.running].every(([worker, r]) => this.ready.has(worker) && now - r.startedAt >= SLOW_PARSE_MS);
  }

  /** The time limit of a parse, from when its thread can work on it. */
  private limit(worker: Worker, job: Pending): NodeJS.Timeout {
    return setTimeout(
      () => this.stop(worker, new MimeParseError('timeout', `Parsing took longer than ${job.timeoutMs} ms`)),
      job.timeoutMs,
    );
  }

  private size(): number {
    return this.idle.length + this.running.size;
  }

  private spawn(): Worker {
    this.started++;
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    worker.unref();
    worker.on('message', (response: MimeResponse) => {
      if ('ready' in response) {
        this.ready.add(worker);
        const waiting = this.running.get(worker);
        if (waiting && !waiting.timer) {
          waiting.timer = this.limit(worker, waiting.job);
          waiting.startedAt = Date.now();
        }
        return;
      }
      const current = this.running.get(worker);
      if (!current || current.id !== response.id) return;
      if (current.timer) clearTimeout(current.timer);
      this.running.delete(worker);
      this.idle.push(worker);
      if (response.ok) current.job.resolve(response.mail);
      else current.job.reject(new MimeParseError('failed', response.message));
      this.pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.stop(
        worker,
        memory
          ? new MimeParseError('memory', 'Parsing needed too much memory')
          : new MimeParseError('unavailable', `The parsing thread failed: ${error.message}`),
      );
    });
    worker.on('exit', () => {
      // An exit nobody asked for (a crash without an 'error'): whatever it was parsing fails, the pool goes on.
      if (this.running.has(worker) || this.idle.includes(worker)) {
        this.stop(worker, new MimeParseError('unavailable', 'The parsing thread exited'));
      }
    });
    return worker;
  }

  /** Ends a thread and fails the parse it was running; waiting parses get a fresh thread. */
  private stop(worker: Worker, error: MimeParseError): void {
    const current = this.running.get(worker);
    const idleAt = this.idle.indexOf(worker);
    if (!current && idleAt === -1) return;
    if (idleAt !== -1) this.idle.splice(idleAt, 1);
    if (current) {
      if (current.timer) clearTimeout(current.timer);
      this.running.delete(worker);
      current.job.reject(error);
    }
    this.stopped++;
    void worker.terminate();
    this.pump();
  }
}

const pools = new Map<number, MimeParserPool>();

/**
 * The process's parser for messages up to `maxBytes`: threads as the machine has cores (at most four), each with a
 * heap of 128 MiB plus 16 MiB per MiB of message allowed (attachment bytes live outside that heap; it bounds what
 * parsing builds: headers, parts, strings).
 */
export function mimeParserFor(maxBytes: number): MimeParserPool {
  let pool = pools.get(maxBytes);
  if (!pool) {
    pool = new MimeParserPool({
      threads: Math.max(1, Math.min(4, os.availableParallelism())),
      heapMb: 128 + 16 * Math.ceil(maxBytes / (1024 * 1024)),
    });
    pools.set(maxBytes, pool);
  }
  return pool;
}
