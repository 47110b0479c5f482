/**
 * A Lambda authorizer's answers by identity, for its result TTL (none is kept with a TTL of 0). Each
 * authorizer keeps its own, even when two share a function, as API Gateway does.
 */
export class AuthorizerCache<Answer> {
  private readonly answers = new Map<string, { until: number; answer: Answer }>();

  get(authorizerId: string, identities: readonly (string | undefined)[]): Answer | undefined {
    const kept = this.answers.get(JSON.stringify([authorizerId, identities]));
    return kept && kept.until > Date.now() ? kept.answer : undefined;
  }

  set(authorizerId: string, identities: readonly (string | undefined)[], answer: Answer, ttlSeconds: number): void {
    if (ttlSeconds > 0) this.answers.set(JSON.stringify([authorizerId, identities]), { until: Date.now() + ttlSeconds * 1000, answer });
  }
}
