namespace Governance.GuestEvidence;

/// <summary>No SEV-SNP evidence could be obtained here; the message says what was tried and why it failed.</summary>
public sealed class EvidenceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
