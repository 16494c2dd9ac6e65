// @ts-check
// A contract's terms in words, for the people who decide on them.
/** @import { ContractContent } from "./wire.js" */

/** @type {Record<number, string>} */
export const cleanRoomTypes = {
  0: "application sandbox with process isolation",
  1: "VMPL and process isolation",
  2: "nested VM under VMPL",
  3: "sandbox VM and firewall VM",
};

/** @type {Record<string, string>} */
export const egressModes = {
  secure: "no egress beyond the encrypted results channel",
  trusted: "egress to endpoints the parties trust",
  open: "egress of outputs that pass the egress policy",
};

/** @typedef {Record<string, unknown>} Policy */

/**
 * @param {unknown} value
 * @returns {string[]}
 */
const list = (value) => (Array.isArray(value) ? value.map(String) : []);

/** @type {Record<string, string>} */
const tcbNames = { bootLoader: "boot loader", tee: "TEE", snp: "SNP firmware", microcode: "microcode", fmc: "FMC" };

/**
 * @param {unknown} value
 * @returns {string}
 */
function tcb(value) {
  if (value === null || typeof value !== "object") {
    return String(value);
  }
  /** @type {string[]} */
  const parts = [];
  for (const [name, member] of Object.entries(/** @type {Record<string, unknown>} */ (value))) {
    parts.push(member !== null && typeof member === "object" ? `${name}: ${tcb(member)}` : `${tcbNames[name] ?? name} ≥ ${String(member)}`);
  }
  return parts.join("; ");
}

/** @type {[string, string, string, boolean][]} */
const allowRules = [
  ["allowDebug", "a debuggable guest is accepted", "a debuggable guest is refused", false],
  ["allowMigrationAgent", "a migration agent is accepted", "a migration agent is refused", false],
  ["allowSmt", "simultaneous multithreading is accepted", "simultaneous multithreading is refused", true],
  ["allowMaskedChipId", "a masked (all-zero) chip id is accepted", "a masked chip id is refused", false],
  ["allowCxl", "CXL-attached memory is accepted", "CXL-attached memory is refused", false],
  ["allowProvisionalFirmware", "provisional (uncommitted) firmware is accepted", "provisional firmware is refused", false],
];

/** @type {[string, string][]} */
const requireRules = [
  ["requireSingleSocket", "the guest must run on a single socket"],
  ["requireMemAes256Xts", "memory must be encrypted with AES-256-XTS"],
  ["requireRaplDisabled", "the guest policy must disable RAPL"],
  ["requireCiphertextHiding", "the guest policy must require ciphertext hiding"],
  ["requirePageSwapDisabled", "page swapping must be disabled"],
  ["requireTsme", "the platform must have TSME enabled"],
  ["requireEcc", "the platform must have ECC memory"],
  ["requireAliasCheckComplete", "the platform's alias check must be complete"],
  ["requirePlatformRaplDisabled", "the platform must have RAPL disabled"],
  ["requirePlatformCiphertextHiding", "the platform must have ciphertext hiding enabled"],
];

/**
 * Every rule of the attestation policy as a sentence, the defaults that apply included.
 * @param {Policy} policy
 * @param {number} vmpl
 * @returns {string[]}
 */
export function attestationRules(policy, vmpl) {
  /** @type {string[]} */
  const rules = [];
  /**
   * @param {string} member
   * @param {string} what
   */
  const oneOf = (member, what) => {
    const values = list(policy[member]);
    if (values.length > 0) {
      rules.push(`${what} must be one of: ${values.join(", ")}`);
    }
  };
  oneOf("measurements", "The launch measurement");
  oneOf("hostData", "HOST_DATA");
  oneOf("idKeyDigests", "The ID key digest");
  oneOf("authorKeyDigests", "The author key digest");
  if (policy["familyId"]) rules.push(`The family id must be ${String(policy["familyId"])}`);
  if (policy["imageId"]) rules.push(`The image id must be ${String(policy["imageId"])}`);
  if (policy["minimumGuestSvn"] !== undefined) rules.push(`The guest SVN must be at least ${String(policy["minimumGuestSvn"])}`);
  if (policy["minimumTcb"] !== undefined) rules.push(`The reported TCB must be at least: ${tcb(policy["minimumTcb"])}`);
  if (policy["minimumLaunchTcb"] !== undefined) rules.push(`The launch TCB must be at least: ${tcb(policy["minimumLaunchTcb"])}`);
  const products = list(policy["products"]);
  rules.push(products.length > 0 ? `The processor must be one of: ${products.join(", ")}` : "Any supported processor (Milan, Genoa, Turin)");
  rules.push(`The report must be signed by a ${String(policy["signingKey"] ?? "vcek").toUpperCase()}${policy["signingKey"] === "any" ? " key (VCEK or VLEK)" : ""}`);
  rules.push(`The guest must run at VMPL ${vmpl}`);
  for (const [member, allowed, refused, byDefault] of allowRules) {
    const value = policy[member];
    rules.push((value === undefined ? byDefault : value === true) ? allowed : refused);
  }
  for (const [member, sentence] of requireRules) {
    if (policy[member] === true) rules.push(sentence);
  }
  if (policy["minimumAbiMajor"] !== undefined || policy["minimumAbiMinor"] !== undefined) {
    rules.push(`The firmware ABI must be at least ${String(policy["minimumAbiMajor"] ?? 0)}.${String(policy["minimumAbiMinor"] ?? 0)}`);
  }
  if (policy["minimumBuild"] !== undefined) rules.push(`The firmware build must be at least ${String(policy["minimumBuild"])}`);
  if (policy["minimumReportVersion"] !== undefined) rules.push(`The report version must be at least ${String(policy["minimumReportVersion"])}`);
  const providers = list(policy["trustedAttestationProviders"]);
  if (providers.length > 0) rules.push(`Attestation tokens must come from: ${providers.join(", ")}`);
  rules.push("Always: no reported TCB component may be above the current TCB");
  return rules.map((r) => r.charAt(0).toUpperCase() + r.slice(1));
}

/**
 * What the parties should weigh, derived from the terms themselves (the service adds its own when it answers them).
 * @param {ContractContent} content
 * @returns {string[]}
 */
export function derivedWarnings(content) {
  const policy = content.attestationPolicy;
  /** @type {string[]} */
  const warnings = [];
  if (policy["allowDebug"] === true) warnings.push("A debuggable guest is accepted: its memory can be read by the host.");
  if (policy["allowMigrationAgent"] === true) warnings.push("A migration agent is accepted: the guest may be moved to another host.");
  if (policy["allowMaskedChipId"] === true) warnings.push("A masked chip id is accepted: the evidence may not name its processor.");
  if (content.cleanRoom.egress === "open") warnings.push("Open egress: outputs leave the clean room when they pass the egress policy.");
  return warnings;
}
