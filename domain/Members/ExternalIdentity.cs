namespace Governance.Domain.Members;

/// <summary>An (issuer, subject) pair of an external OpenID Connect provider that signs in as a member.</summary>
public sealed record ExternalIdentity(string Issuer, string Subject)
{
    public static ExternalIdentity Create(string? issuer, string? subject)
    {
        if (string.IsNullOrWhiteSpace(issuer) || string.IsNullOrWhiteSpace(subject) || issuer.Length > 500 || subject.Length > 500)
        {
            throw DomainException.Invalid("An external identity needs a non-empty issuer and subject (at most 500 characters each).");
        }

        return new ExternalIdentity(issuer, subject);
    }
}
