// The service's answers as this page reads them (camelCase JSON; absent members are left out).

export interface Member {
  id: string;
  displayName: string;
  roles: string[];
  status: string;
  keys: { keyId: string; algorithm: string; publicJwk: Record<string, unknown>; addedAt: string; removedAt?: string }[];
  expiresAt?: string;
}

export interface ContractSummary {
  id: string;
  version: number;
  title: string;
  state: string;
  proposer: string;
  parties: string[];
  digest: string;
  updatedAt: string;
}

export interface ContractView {
  id: string;
  version: number;
  previousVersionId?: string;
  state: string;
  proposer: string;
  digest: string;
  content: ContractContent;
  approvedBy: string[];
  releaseCount: number;
  createdAt: string;
  updatedAt: string;
  proposedAt?: string;
  decidedAt?: string;
  reason?: string;
  warnings?: { code: string; path: string; message: string }[];
}

export interface ContractContent {
  title: string;
  description?: string;
  parties: string[];
  datasets: { owner: string; name: string; location: string; format: string; schemaDigest?: string; keySecret: string; credentialSecret?: string }[];
  secrets: { owner: string; name: string }[];
  cleanRoom: {
    type: number;
    vmpl: number;
    customRuntime?: { name: string; digest?: string; signerThumbprint?: string };
    egress: string;
    egressPolicy?: { allowedFormats: { format: string; allowedOperators: string[] }[] };
  };
  attestationPolicy: Record<string, unknown>;
  validity: { notBefore?: string; notAfter?: string; maxReleases?: number };
}

export interface Approval {
  memberId: string;
  digest: string;
  signature?: string;
  keyId?: string;
  publicJwk?: string;
  isUnsigned: boolean;
  approvedAt: string;
}

export interface ContractDiff {
  contractId: string;
  version: number;
  fromContractId: string;
  fromVersion: number;
  changes: string[];
}

export interface AuditEntry {
  sequence: number;
  timestamp: string;
  actorKind: string;
  actorId: string;
  action: string;
  subjects: string[];
  outcome: string;
  details: unknown;
  requestId?: string | null;
  leafHash: string;
}

export interface TreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  signature: string;
}

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  path: string[];
  treeHead: TreeHead;
}

export interface ConsistencyProof {
  from: number;
  to: number;
  proof: string[];
  fromTreeHead: TreeHead;
  toTreeHead: TreeHead;
}

export interface ServiceKey {
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
  alg: string;
}

export interface Page<T> {
  items?: T[];
  entries?: T[];
  nextCursor?: string;
}
