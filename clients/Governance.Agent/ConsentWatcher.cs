namespace Governance.Agent;

/// <summary>
/// Keeps a released clean room within its consent: every interval it asks the contract's consent check, proving itself
/// with the wrapping key the release bound over a fresh nonce, and checks the answer is the service's signature over this
/// contract, this nonce and this key. When execution is paused, the contract is no longer in force (the service refuses
/// the check), or the answer does not check out, it deletes every file the release wrote and stops.
/// </summary>
public sealed class ConsentWatcher(GovernanceClient client, ServiceJwkSet serviceKeys, TimeProvider time)
{
    /// <summary>Polls until the clean room must stop; then deletes the released files and says why.</summary>
    public async Task<WatchOutcome> WatchAsync(ReleaseOutcome released, WrappingKeyPair wrappingKey, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(released);
        ArgumentNullException.ThrowIfNull(wrappingKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var checks = 0;
        while (true)
        {
            await Task.Delay(interval, time, cancellationToken);
            checks++;
            var stop = await CheckAsync(released.ContractId, wrappingKey, cancellationToken);
            if (stop is not null)
            {
                return new WatchOutcome(released.ContractId, stop.Value.Reason, stop.Value.PausedBy, checks, Delete(released));
            }
        }
    }

    /// <summary>One consent check: null to go on, or why to stop.</summary>
    public async Task<(string Reason, IReadOnlyList<string> PausedBy)?> CheckAsync(string contractId, WrappingKeyPair wrappingKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrappingKey);
        var nonce = (await client.Release.CreateChallengeAsync(cancellationToken)).Nonce;
        var proof = CleanRoomProof.Sign(wrappingKey.Rsa, wrappingKey.Thumbprint, new CleanRoomStatement(contractId, nonce, CleanRoomStatement.ConsentCheck));
        ConsentCheckResponse answer;
        try
        {
            answer = await client.Release.CheckConsentAsync(contractId, new CleanRoomRequest(proof), cancellationToken);
        }
        catch (GovernanceForbiddenException refused)
        {
            var rules = ReleaseApi.RefusalsOf(refused).Select(r => r.Rule).ToList();
            return ($"refused: {(rules.Count == 0 ? refused.Message : string.Join(", ", rules))}", []);
        }

        ConsentStatement statement;
        try
        {
            var payload = ReleaseReceiptCheck.VerifyServiceSignature(answer.Statement, serviceKeys, "consent statement");
            statement = JsonSerializer.Deserialize<ConsentStatement>(payload, GovernanceJson.Options)
                ?? throw new ReceiptRejectedException("The consent statement is empty.");
        }
        catch (Exception exception) when (exception is ReceiptRejectedException or JsonException)
        {
            return ($"the consent statement does not check out: {exception.Message}", []);
        }

        if (statement.ContractId != contractId || statement.Nonce != nonce || statement.WrappingKeyThumbprint != wrappingKey.Thumbprint)
        {
            return ("the consent statement answers another request", []);
        }

        return statement.Execution ? null : ("paused", statement.PausedBy);
    }

    private static List<string> Delete(ReleaseOutcome released)
    {
        var deleted = new List<string>();
        foreach (var file in released.Files)
        {
            var path = Path.Combine(released.OutputDirectory, file);
            if (File.Exists(path))
            {
                File.Delete(path);
                deleted.Add(file);
            }
        }

        return deleted;
    }
}

/// <summary>Why a watched clean room stopped.</summary>
/// <param name="Reason"><c>paused</c>, <c>refused: contract.revoked</c> (or another rule the service named), or why the answer did not check out.</param>
/// <param name="PausedBy">The parties that paused execution, when paused.</param>
/// <param name="Checks">How many checks were made.</param>
/// <param name="Deleted">The released files deleted, relative to the output folder.</param>
public sealed record WatchOutcome(string ContractId, string Reason, IReadOnlyList<string> PausedBy, int Checks, IReadOnlyList<string> Deleted);
