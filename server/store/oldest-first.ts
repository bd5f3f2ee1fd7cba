import { AsyncLocalStorage } from 'node:async_hooks';
import TinyQueue from 'tinyqueue';

/**
 * Oldest request first, for a database that runs one statement at a time (the embedded store).
 *
 * Without it, each request runs all its statements in the turn of the event loop that read it, and a turn reads
 * every request that has arrived: under load the server works in rounds of about as many requests as there are
 * clients, and a request that arrives just after a round began waits for that round and then its own. That was
 * the bimodal tail of `npm run bench:load` (p99 about twice p50).
 *
 * Here each statement starts in a turn of its own, so requests that arrive meanwhile are read and queued; and the
 * next statement is the one of the oldest request waiting, so requests finish in the order they came and every
 * one waits about the same: at 50 clients p99 fell from 345–366 ms to 245–254 ms at the same throughput.
 *
 * @example const order = new OldestFirst(); order.within(order.arrive(), () => order.run(() => db.query('SELECT 1')))
 */
export class OldestFirst {
  readonly #context = new AsyncLocalStorage<number>();
  readonly #waiting = new TinyQueue<Waiting>([], (a, b) => a.rank - b.rank || a.seq - b.seq);
  #arrivals = 0;
  #seq = 0;
  #busy = false;

  /** A rank for a request as it arrives: smaller is older. */
  arrive(): number {
    return this.#arrivals++;
  }

  /** Runs `fn`, and everything it awaits, as work of the request ranked `rank`. */
  within<R>(rank: number, fn: () => R): R {
    return this.#context.run(rank, fn);
  }

  /** Runs `task` when no other task runs and no older request's task waits. Work outside a request ranks as arriving now. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const rank = this.#context.getStore() ?? this.arrive();
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({
        rank,
        seq: this.#seq++,
        start: async () => {
          try {
            resolve(await task());
          } catch (error) {
            reject(error);
          }
        },
      });
      this.#next();
    });
  }

  #next(): void {
    if (this.#busy || this.#waiting.length === 0) return;
    this.#busy = true;
    setImmediate(() => {
      void this.#waiting.pop()!.start().finally(() => {
        this.#busy = false;
        this.#next();
      });
    });
  }
}

interface Waiting {
  rank: number;
  /** Order of arrival among tasks of the same rank. */
  seq: number;
  start: () => Promise<void>;
}
