namespace Governance.Api.Auth;

/// <summary>The principal of a signed-in member, however they signed in: their id and one role claim per role.</summary>
internal static class MemberPrincipal
{
    public static ClaimsPrincipal Create(Member member, string scheme, string? externalIssuer = null)
    {
        var identity = new ClaimsIdentity(scheme, ClaimsPrincipalExtensions.MemberIdClaim, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimsPrincipalExtensions.MemberIdClaim, member.Id));
        foreach (var role in member.Roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role.ToWire()));
        }

        if (externalIssuer is not null)
        {
            identity.AddClaim(new Claim(ClaimsPrincipalExtensions.ExternalIssuerClaim, externalIssuer));
        }

        return new ClaimsPrincipal(identity);
    }
}
