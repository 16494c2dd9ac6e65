namespace Governance.Client;

/// <summary>The caller's own secrets (<c>/secrets</c>). Values go in and never come back out.</summary>
public sealed class SecretsApi(GovernanceConnection connection)
{
    /// <summary>Stores a new version of the named secret (at most 64 KiB); returns its metadata.</summary>
    public Task<SecretMetadata> PutAsync(string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        if (value.Length > SecretLimits.MaxValueBytes)
        {
            throw new ArgumentException($"A secret value is at most {SecretLimits.MaxValueBytes} bytes; this one is {value.Length}.", nameof(value));
        }

        return connection.SendAsync<SecretMetadata>(HttpMethod.Put, Path(name), new PutSecretRequest(Convert.ToBase64String(value.Span)), cancellationToken);
    }

    /// <summary>
    /// Stores a new version sealed to a confidential service's transit key: <paramref name="compactJwe"/> is the value
    /// as a compact JWE to the key that service's attestation binds (check the attestation before making it).
    /// </summary>
    public Task<SecretMetadata> PutSealedAsync(string name, string compactJwe, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(compactJwe);
        var content = new StringContent(compactJwe, System.Text.Encoding.ASCII);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/jose");
        return connection.SendAsync<SecretMetadata>(HttpMethod.Put, Path(name), content, cancellationToken);
    }

    /// <summary>The current version of each of the caller's secrets (metadata only).</summary>
    public Task<IReadOnlyList<SecretMetadata>> ListAsync(CancellationToken cancellationToken = default) =>
        connection.SendAsync<IReadOnlyList<SecretMetadata>>(HttpMethod.Get, "secrets", null, cancellationToken);

    /// <summary>Every live version of one secret (metadata only).</summary>
    public Task<IReadOnlyList<SecretMetadata>> VersionsAsync(string name, CancellationToken cancellationToken = default) =>
        connection.SendAsync<IReadOnlyList<SecretMetadata>>(HttpMethod.Get, Path(name), null, cancellationToken);

    /// <summary>Deletes every version of the secret.</summary>
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        connection.SendAsync(HttpMethod.Delete, Path(name), null, cancellationToken);

    private static string Path(string name) =>
        "secrets/" + Uri.EscapeDataString(string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A secret needs a name.", nameof(name)) : name);
}
