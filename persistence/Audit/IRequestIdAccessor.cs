namespace Governance.Persistence.Audit;

/// <summary>The id of the request being served, if any; the host provides it so entries can be correlated with logs.</summary>
public interface IRequestIdAccessor
{
    string? RequestId { get; }
}
