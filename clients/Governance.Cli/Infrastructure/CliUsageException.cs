namespace Governance.Cli.Infrastructure;

/// <summary>Bad local input: reported with its message and exit code 2, never with a stack trace.</summary>
public sealed class CliUsageException(string message, Exception? inner = null) : Exception(message, inner);
