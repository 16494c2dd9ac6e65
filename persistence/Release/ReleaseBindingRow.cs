namespace Governance.Persistence.Release;

/// <summary>One row of <c>release_bindings</c>: a wrapping key a granted release of a contract was encrypted to.</summary>
public sealed class ReleaseBindingRow
{
    public Guid ContractId { get; set; }

    public string Thumbprint { get; set; } = "";

    public string PublicJwk { get; set; } = "";

    public string ClaimsDigest { get; set; } = "";

    public DateTimeOffset BoundAt { get; set; }
}
