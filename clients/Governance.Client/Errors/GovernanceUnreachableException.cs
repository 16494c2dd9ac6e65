namespace Governance.Client.Errors;

/// <summary>The service could not be reached at all (connection refused, DNS, TLS, time-out): no answer to judge.</summary>
public sealed class GovernanceUnreachableException(Uri? service, Exception inner)
    : Exception($"The service at {service?.ToString() ?? "(no URL)"} could not be reached: {inner.Message}", inner)
{
    public Uri? Service { get; } = service;
}
