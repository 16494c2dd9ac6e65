namespace Governance.Cli.Demo;

/// <summary>
/// The steps the demo adds for a service in confidential mode: trust in the service comes from its attestation, the
/// key it made inside its VM is recoverable by a vote's share holders, and the log proves which attested key signs it.
/// Each returns what it saw, or throws <see cref="DemoScenario.DemoException"/> naming what did not behave.
/// </summary>
internal sealed class ConfidentialDemoSteps(
    DemoParticipant alice, DemoParticipant bob, DemoParticipant carol, GovernanceClient anonymous, ServiceTrust trust, string workDirectory) : IDisposable
{
    private readonly Dictionary<string, RecoveryKeyFile> recoveryKeys = [];
    private ServiceAttestation? attested;

    private IEnumerable<DemoParticipant> Holders => [alice, bob, carol];

    public async Task<string> AttestAsync(CancellationToken cancellationToken)
    {
        attested = await anonymous.Service.RequireTrustedAsync(trust, cancellationToken);
        return $"build {attested.BuildVersion}, transit key {attested.Keys.Transit.Kid}, signing keys {string.Join(", ", attested.Keys.Signing.Select(k => k.Kid))}";
    }

    public async Task<string> RegisterRecoveryKeysAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var holder in Holders)
        {
            var key = RecoveryKeyFile.Create();
            recoveryKeys[holder.Id] = key;
            var registered = await holder.Client.Members.SetRecoveryKeyAsync(JsonSerializer.SerializeToElement(key.PublicJwk), cancellationToken);
            ids.Add($"{holder.Id} {registered.KeyId[..12]}…");
        }

        return string.Join(", ", ids);
    }

    public async Task<string> VoteRecoveryPolicyAsync(CancellationToken cancellationToken)
    {
        // A second run against the same service finds its policy in force (the service refuses to vote it again); the
        // recovery keys just registered already have new shares.
        if ((await anonymous.Service.GetStatusAsync(cancellationToken)).Recovery is { Threshold: 2 } current
            && current.Holders.Order(StringComparer.Ordinal).SequenceEqual(Holders.Select(h => h.Id).Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            return $"in force from an earlier run: 2 of {string.Join(", ", current.Holders)}";
        }

        var proposal = await alice.Client.Proposals.ProposeRecoveryPolicyAsync(2, Holders.Select(h => h.Id), cancellationToken);
        await alice.Client.Proposals.VoteAsync(proposal.Id, VoteDto.Approve, cancellationToken);
        var decided = await bob.Client.Proposals.VoteAsync(proposal.Id, VoteDto.Approve, cancellationToken);
        return decided.State == ProposalStateDto.Accepted
            ? $"accepted: {decided.Change.Threshold} of {string.Join(", ", decided.Change.Holders ?? [])}"
            : throw new DemoScenario.DemoException($"the recovery policy is {decided.State}, not accepted");
    }

    public async Task<string> OpenSharesAsync(CancellationToken cancellationToken)
    {
        var keyEncryptionKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var holder in Holders)
        {
            var share = await holder.Client.Service.GetOwnRecoveryShareAsync(cancellationToken);
            var key = recoveryKeys[holder.Id];
            if (share.RecoveryKeyId != key.KeyId || share.Threshold != 2)
            {
                throw new DemoScenario.DemoException($"{holder.Id}'s share names recovery key {share.RecoveryKeyId} and threshold {share.Threshold}, not {key.KeyId} and 2");
            }

            var value = key.Open(share.Share);
            var length = value.Length;
            CryptographicOperations.ZeroMemory(value);
            if (length < 2)
            {
                throw new DemoScenario.DemoException($"{holder.Id}'s share opens to {length} bytes, not an index and a value");
            }

            keyEncryptionKeys.Add(share.KeyEncryptionKey);
        }

        return keyEncryptionKeys.Count == 1
            ? $"3 shares of key {keyEncryptionKeys.Single()} open, each only with its holder's recovery key"
            : throw new DemoScenario.DemoException($"the shares are of {keyEncryptionKeys.Count} different keys");
    }

    public async Task PutSealedAsync(DemoParticipant owner, string name, byte[] value, CancellationToken cancellationToken)
    {
        var transit = (attested ?? throw new DemoScenario.DemoException("the service was not attested")).Keys.Transit;
        await owner.Client.Secrets.PutSealedAsync(name, TransitSealing.Seal(value, transit), cancellationToken);
    }

    public async Task<string> PlaintextRefusedAsync(string suffix, CancellationToken cancellationToken)
    {
        try
        {
            await alice.Client.Secrets.PutAsync($"plaintext-{suffix}", "never accepted in the clear"u8.ToArray(), cancellationToken);
        }
        catch (GovernanceApiException refused) when (refused.StatusCode == HttpStatusCode.BadRequest)
        {
            return $"a plaintext value was refused ({(int)refused.StatusCode} {refused.Title})";
        }

        throw new DemoScenario.DemoException("the service accepted a plaintext secret in confidential mode");
    }

    public async Task<string> StatusAsync(CancellationToken cancellationToken)
    {
        var status = await anonymous.Service.GetStatusAsync(cancellationToken);
        return status is { Mode: "confidential", State: "open", KeyEncryptionKey: not null }
            ? $"mode {status.Mode}, state {status.State}, key {status.KeyEncryptionKey}: {status.Reason}; recovery {status.Recovery?.Threshold} of {string.Join(", ", status.Recovery?.Holders ?? [])}"
            : throw new DemoScenario.DemoException($"the service is {status.Mode}, {status.State}: {status.Reason}");
    }

    /// <summary>
    /// From the exported files alone: the tree head's signing key is among the keys an unsealed instance's attestation
    /// binds, and that attestation verifies (chain, REPORT_DATA over those keys and its nonce, an approved build).
    /// </summary>
    public async Task<string> UnsealedEntryAsync(CancellationToken cancellationToken)
    {
        var export = Path.Combine(workDirectory, "audit.jsonl");
        var head = JsonSerializer.Deserialize<TreeHeadDto>(await File.ReadAllTextAsync(export + ".tree-head.json", cancellationToken), AuditJson.Options)
                   ?? throw new DemoScenario.DemoException("the exported tree head is empty");
        var entries = (await File.ReadAllLinesAsync(export, cancellationToken))
            .Select(line => JsonSerializer.Deserialize<AuditEntryDto>(line, AuditJson.Options)!);
        var result = await TreeHeadAttestationCheck.CheckAsync(entries, head, trust, TimeProvider.System, cancellationToken);
        if (result.Vouching is [var vouching, ..])
        {
            return $"entry {vouching.Sequence}: the attestation of build {vouching.Measurement} binds {head.KeyId}, which signs the head of size {head.TreeSize}";
        }

        throw new DemoScenario.DemoException($"no service.unsealed entry attests the tree-head key {head.KeyId}: "
            + string.Join("; ", result.Evidence.SelectMany(e => e.Failures).Select(f => $"{f.Rule}: {f.Detail}")));
    }

    public void Dispose()
    {
        foreach (var key in recoveryKeys.Values)
        {
            key.Dispose();
        }
    }
}
