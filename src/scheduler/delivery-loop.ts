/**
 * Delivers the outbox apart from the scheduler's ticks: a fan-out of 10,000 DMs takes a minute or
 * more to deliver, and the next stand-up or escalation tier must not wait for it to be queued.
 * Woken after every tick (and so at least once a second); a wake while a delivery round runs asks
 * for one more round after it, never a second one beside it.
 */
export class DeliveryLoop {
  private running: Promise<void> | undefined;
  private wokenAgain = false;
  private stopped = false;

  constructor(
    /** One delivery round; true when it delivered something and more may be due. */
    private readonly round: () => Promise<boolean>,
    private readonly onError: (error: unknown) => void,
  ) {}

  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.wokenAgain = true;
      return this.running;
    }
    this.running = this.deliver().finally(() => (this.running = undefined));
    return this.running;
  }

  /** No new rounds; resolves once the round in progress (one batch, bounded by the dispatcher) is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async deliver(): Promise<void> {
    for (;;) {
      this.wokenAgain = false;
      let more = false;
      try {
        more = await this.round();
      } catch (error) {
        this.onError(error);
      }
      if (this.stopped || !(more || this.wokenAgain)) return;
    }
  }
}
