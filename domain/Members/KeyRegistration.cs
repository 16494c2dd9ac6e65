namespace Governance.Domain.Members;

/// <summary>
/// Where a key's RFC 7638 thumbprint is registered already: as a member's sign-in key (removed ones included) and as a
/// member's recovery key. A thumbprint names one key for one use only.
/// </summary>
/// <param name="SignInKeyOf">The member it is a sign-in key of, if any.</param>
/// <param name="RecoveryKeyOf">The member it is the recovery key of, if any.</param>
public sealed record KeyRegistration(string? SignInKeyOf, string? RecoveryKeyOf)
{
    public static KeyRegistration Nowhere { get; } = new(null, null);
}
