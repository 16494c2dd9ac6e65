namespace Governance.Persistence.Secrets;

/// <summary>Where the bytes of a secret version live: sealed into its row, or in an external vault.</summary>
public interface ISecretVault
{
    /// <summary>The backend name recorded in each row, so a version is opened by the backend that sealed it.</summary>
    string Backend { get; }

    /// <summary>Seals <paramref name="value"/> and fills the row's sealed-value columns.</summary>
    Task SealAsync(SecretRow row, byte[] value, CancellationToken cancellationToken);

    Task<byte[]> OpenAsync(SecretRow row, CancellationToken cancellationToken);

    /// <summary>Removes what the backend keeps outside the row, after the deletion committed.</summary>
    Task DestroyAsync(string owner, string name, CancellationToken cancellationToken);
}
