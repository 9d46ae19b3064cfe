// Authenticated API requests counted by partition (`account:region`) and operation (`ssm:DescribeInstanceInformation`):
// what tests and benchmarks read to prove how many calls a view made, and where. A partition the fleet does not serve
// (STS's global endpoint in us-east-1) is counted under its own key all the same.
export class RequestCounts {
  private readonly by = new Map<string, Map<string, number>>();

  /** `partitions`: the served partitions' keys, listed first and in this order. */
  constructor(partitions: readonly string[]) {
    for (const key of partitions) this.by.set(key, new Map());
  }

  count(partition: string, operation: string): void {
    let ops = this.by.get(partition);
    if (ops === undefined) this.by.set(partition, ops = new Map());
    ops.set(operation, (ops.get(operation) ?? 0) + 1);
  }

  /** Every partition's counts added up, by operation. */
  total(): Record<string, number> {
    const all: Record<string, number> = {};
    for (const ops of this.by.values()) for (const [op, n] of ops) all[op] = (all[op] ?? 0) + n;
    return all;
  }

  byPartition(): Record<string, Record<string, number>> {
    return Object.fromEntries([...this.by].map(([key, ops]) => [key, Object.fromEntries(ops)]));
  }

  reset(): void {
    for (const ops of this.by.values()) ops.clear();
  }
}
