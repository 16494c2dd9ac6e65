namespace Governance.Attestation.Snp.Revocation;

/// <summary>Where CRLs come from (AMD's key distribution service). What it returns is verified before use.</summary>
public interface IRevocationListSource
{
    /// <summary>The CRL (DER), or null when the service has none.</summary>
    /// <exception cref="HttpRequestException">The service could not be reached or answered with an error.</exception>
    Task<byte[]?> GetAsync(RevocationListRequest request, CancellationToken cancellationToken);
}

/// <summary>Durable storage of the newest verified CRL per product, signer and root, implemented by the hosting layer.</summary>
public interface IRevocationListStore
{
    /// <summary>The stored CRL (DER), or null.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="der"/> unless a CRL issued later (by thisUpdate) is stored already.</summary>
    Task PutAsync(string key, byte[] der, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, CancellationToken cancellationToken);
}
