namespace Governance.Client.Service;

/// <summary>The service's evidence did not earn trust; <see cref="Result"/> names every failed rule. Nothing was sent to it.</summary>
public sealed class ServiceNotTrustedException : Exception
{
    public ServiceNotTrustedException(ServiceCheckResult result)
        : base("The service is not trusted: " + string.Join("; ", (result ?? throw new ArgumentNullException(nameof(result))).Failures.Select(f => $"{f.Rule}: {f.Detail}")))
    {
        Result = result;
    }

    public ServiceNotTrustedException()
        : this(new ServiceCheckResult(null, null, [new ServiceCheckFailure("evidence.unverified", "no evidence was checked")]))
    {
    }

    public ServiceNotTrustedException(string message)
        : base(message)
    {
        Result = new ServiceCheckResult(null, null, [new ServiceCheckFailure("evidence.unverified", message)]);
    }

    public ServiceNotTrustedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Result = new ServiceCheckResult(null, null, [new ServiceCheckFailure("evidence.unverified", message)]);
    }

    public ServiceCheckResult Result { get; }
}
