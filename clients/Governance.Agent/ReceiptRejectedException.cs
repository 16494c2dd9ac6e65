namespace Governance.Agent;

/// <summary>The release response's receipt does not prove that the service released these values to this VM.</summary>
public sealed class ReceiptRejectedException(string message, Exception? inner = null) : Exception(message, inner);
