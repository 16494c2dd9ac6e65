namespace Governance.Persistence.Secrets;

/// <summary>
/// Parties' secrets, versioned, whichever backend holds the values. Every change commits with its audit
/// entry. Values come out only through <c>ReadCurrentAsync</c>, which the release path alone uses
/// to encrypt them to an attested VM.
/// </summary>
public interface ISecretStore
{
    /// <summary>Stores <paramref name="value"/> as the next version of owner/name.</summary>
    Task<SecretMetadata> PutAsync(string owner, string name, byte[] value, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>The current version of each live secret of <paramref name="owner"/>.</summary>
    Task<IReadOnlyList<SecretMetadata>> ListAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>Every live version of owner/name, oldest first; empty when there is none.</summary>
    Task<IReadOnlyList<SecretMetadata>> ListVersionsAsync(string owner, string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes every version; false when owner/name had no live version.</summary>
    Task<bool> DeleteAsync(string owner, string name, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>The plaintext of the current version, or null when the secret does not exist.</summary>
    Task<byte[]?> ReadCurrentAsync(string owner, string name, CancellationToken cancellationToken = default);

    /// <summary>The plaintexts of the current versions of <paramref name="names"/>, in one query; absent names are left out.</summary>
    Task<IReadOnlyDictionary<SecretRef, byte[]>> ReadCurrentAsync(IReadOnlyCollection<SecretRef> names, CancellationToken cancellationToken = default);

    /// <summary>
    /// The versions a release sends of <paramref name="names"/>, still sealed, in one query: the version
    /// <paramref name="pins"/> names for a secret, else the current one; names without such a version are left out.
    /// </summary>
    Task<IReadOnlyList<SecretRow>> FindReleaseVersionsAsync(
        IReadOnlyCollection<SecretRef> names, IReadOnlyDictionary<SecretRef, int> pins, CancellationToken cancellationToken = default);

    /// <summary>The plaintexts of <paramref name="versions"/>, read before (<c>IReleaseLedger.ReadAsync</c>) and still sealed.</summary>
    Task<IReadOnlyDictionary<SecretRef, byte[]>> OpenAsync(IReadOnlyCollection<SecretRow> versions, CancellationToken cancellationToken = default);
}
