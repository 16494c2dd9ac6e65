namespace Governance.Persistence;

/// <summary>
/// Widths of the columns that hold the same kind of value in several tables, named once so a value that fits where
/// it is first stored fits wherever it is referred to again.
/// </summary>
internal static class ColumnWidths
{
    /// <summary>A member id: 2 to 63 characters (see <see cref="Domain.Members.MemberId"/>).</summary>
    public const int MemberId = 63;

    /// <summary>A public key's RFC 7638 thumbprint (43 characters of base64url for SHA-256), with room to spare.</summary>
    public const int KeyThumbprint = 64;

    /// <summary>The name of a key-encryption key, as configured or as the vault names its version.</summary>
    public const int KekId = 100;

    /// <summary>A launch measurement: 48 bytes in lowercase hex.</summary>
    public const int Measurement = 96;
}
