// The narrow interface through which the action reaches the Dds API: the three operations it uses, in plain data.

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** The DescribeDBInstanceAttribute fields the checks and the report use. */
export interface Instance {
  readonly id: string;
  readonly type: string;
  readonly replicationFactor: string;
  readonly instanceClass: string;
  readonly status: string;
  readonly lockMode: string;
  readonly regionId: string;
  readonly engineVersion: string;
  readonly description: string;
  readonly tags: readonly Tag[];
}

/** One DescribeBackups entry; the id stays a decimal string end to end (ids can pass 2^53). */
export interface Backup {
  readonly id: string;
  readonly status: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly method: string;
  readonly type: string;
  readonly mode: string;
  readonly sizeBytes?: number;
}

export interface BackupQuery {
  readonly instanceId: string;
  readonly backupId?: string;
  readonly pageNumber: number;
  readonly pageSize: 30 | 50 | 100;
  /** yyyy-MM-ddTHH:mmZ, UTC. */
  readonly startTime: string;
  readonly endTime: string;
}

export interface BackupPage {
  readonly totalCount?: number;
  readonly backups: readonly Backup[];
}

/** The three operations. Implementations throw ApiError. */
export interface DdsApi {
  describeInstance(instanceId: string): Promise<Instance>;
  describeBackups(query: BackupQuery): Promise<BackupPage>;
  restore(instanceId: string, backupId: string): Promise<{ readonly requestId: string }>;
}
