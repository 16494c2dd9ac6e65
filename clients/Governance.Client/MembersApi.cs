namespace Governance.Client;

/// <summary>The consortium's members (<c>/members</c>) and the service's settings.</summary>
public sealed class MembersApi(GovernanceConnection connection)
{
    public Task<IReadOnlyList<MemberResponse>> ListAsync(CancellationToken cancellationToken = default) =>
        connection.SendAsync<IReadOnlyList<MemberResponse>>(HttpMethod.Get, "members", null, cancellationToken);

    public Task<MemberResponse> GetAsync(string id, CancellationToken cancellationToken = default) =>
        connection.SendAsync<MemberResponse>(HttpMethod.Get, "members/" + Uri.EscapeDataString(id), null, cancellationToken);

    /// <summary>The signed-in member.</summary>
    public Task<MemberResponse> GetMeAsync(CancellationToken cancellationToken = default) =>
        connection.SendAsync<MemberResponse>(HttpMethod.Get, "members/me", null, cancellationToken);

    /// <summary>Registers another public signing key (JWK or PEM inside the request) for the signed-in member.</summary>
    public Task<MemberKeyResponse> AddMyKeyAsync(JsonElement key, CancellationToken cancellationToken = default) =>
        connection.SendAsync<MemberKeyResponse>(HttpMethod.Post, "members/me/keys", new AddMemberKeyRequest { Key = key }, cancellationToken);

    /// <summary>Removes one of the signed-in member's keys; tokens signed with it stop working at once.</summary>
    public Task<MemberKeyResponse> RemoveMyKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        connection.SendAsync<MemberKeyResponse>(HttpMethod.Delete, "members/me/keys/" + Uri.EscapeDataString(keyId), null, cancellationToken);

    /// <summary>
    /// Registers (or replaces) the signed-in member's recovery key: a P-384 public key for ECDH, as a JWK object or a PEM
    /// string, distinct from its sign-in keys. Recovery shares are sealed to it.
    /// </summary>
    public Task<MemberKeyResponse> SetRecoveryKeyAsync(JsonElement key, CancellationToken cancellationToken = default) =>
        connection.SendAsync<MemberKeyResponse>(HttpMethod.Put, "members/me/recovery-key", new AddMemberKeyRequest { Key = key }, cancellationToken);

    /// <summary>The consortium rules and sign-in settings (token audience, lifetimes).</summary>
    public Task<SettingsResponse> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        connection.SendAsync<SettingsResponse>(HttpMethod.Get, "settings", null, cancellationToken);
}
