// @ts-check
// The service's answers as this page reads them (camelCase JSON; absent members are left out). Types only: the module
// exports nothing at run time.

/**
 * @typedef {{
 *   id: string;
 *   displayName: string;
 *   roles: string[];
 *   status: string;
 *   keys: { keyId: string; algorithm: string; publicJwk: Record<string, unknown>; addedAt: string; removedAt?: string }[];
 *   expiresAt?: string;
 * }} Member
 */

/**
 * @typedef {{
 *   id: string;
 *   version: number;
 *   title: string;
 *   state: string;
 *   proposer: string;
 *   parties: string[];
 *   digest: string;
 *   updatedAt: string;
 * }} ContractSummary
 */

/**
 * @typedef {{
 *   id: string;
 *   version: number;
 *   previousVersionId?: string;
 *   state: string;
 *   proposer: string;
 *   digest: string;
 *   content: ContractContent;
 *   approvedBy: string[];
 *   releaseCount: number;
 *   createdAt: string;
 *   updatedAt: string;
 *   proposedAt?: string;
 *   decidedAt?: string;
 *   reason?: string;
 *   warnings?: { code: string; path: string; message: string }[];
 * }} ContractView
 */

/**
 * @typedef {{
 *   title: string;
 *   description?: string;
 *   parties: string[];
 *   datasets: { owner: string; name: string; location: string; format: string; schemaDigest?: string; keySecret: string; credentialSecret?: string }[];
 *   secrets: { owner: string; name: string }[];
 *   cleanRoom: {
 *     type: number;
 *     vmpl: number;
 *     customRuntime?: { name: string; digest?: string; signerThumbprint?: string };
 *     egress: string;
 *     egressPolicy?: { allowedFormats: { format: string; allowedOperators: string[] }[] };
 *   };
 *   attestationPolicy: Record<string, unknown>;
 *   validity: { notBefore?: string; notAfter?: string; maxReleases?: number };
 * }} ContractContent
 */

/**
 * @typedef {{
 *   memberId: string;
 *   digest: string;
 *   signature?: string;
 *   keyId?: string;
 *   publicJwk?: string;
 *   isUnsigned: boolean;
 *   approvedAt: string;
 * }} Approval
 */

/**
 * @typedef {{
 *   contractId: string;
 *   version: number;
 *   fromContractId: string;
 *   fromVersion: number;
 *   changes: string[];
 * }} ContractDiff
 */

/**
 * @typedef {{
 *   sequence: number;
 *   timestamp: string;
 *   actorKind: string;
 *   actorId: string;
 *   action: string;
 *   subjects: string[];
 *   outcome: string;
 *   details: unknown;
 *   requestId?: string | null;
 *   leafHash: string;
 * }} AuditEntry
 */

/**
 * @typedef {{
 *   treeSize: number;
 *   rootHash: string;
 *   timestamp: string;
 *   keyId: string;
 *   signature: string;
 * }} TreeHead
 */

/**
 * @typedef {{
 *   leafIndex: number;
 *   treeSize: number;
 *   leafHash: string;
 *   path: string[];
 *   treeHead: TreeHead;
 * }} InclusionProof
 */

/**
 * @typedef {{
 *   from: number;
 *   to: number;
 *   proof: string[];
 *   fromTreeHead: TreeHead;
 *   toTreeHead: TreeHead;
 * }} ConsistencyProof
 */

/**
 * @typedef {{
 *   kty: string;
 *   crv: string;
 *   x: string;
 *   y: string;
 *   kid: string;
 *   alg: string;
 * }} ServiceKey
 */

/**
 * @template T
 * @typedef {{
 *   items?: T[];
 *   entries?: T[];
 *   nextCursor?: string;
 * }} Page
 */

export {};
