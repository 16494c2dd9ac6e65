namespace Governance.Cli.Commands;

/// <summary>What a party is about to consent to, in words: everything the digest covers, shown before `contracts approve` asks.</summary>
internal static class ContractReview
{
    public static IEnumerable<string> Lines(ContractView contract, string digest)
    {
        var content = contract.Content;
        yield return $"Contract {contract.Id} version {contract.Version} ({contract.State}), proposed by {contract.Proposer}";
        yield return $"  title:        {content.Title}";
        if (!string.IsNullOrWhiteSpace(content.Description))
        {
            yield return $"  description:  {content.Description}";
        }

        yield return $"  digest:       {digest} (recomputed here from the content below)";
        yield return $"  parties:      {string.Join(", ", content.Parties)}";
        yield return "  datasets:" + (content.Datasets.Count == 0 ? "     none" : "");
        foreach (var dataset in content.Datasets)
        {
            var credential = dataset.CredentialSecret is null ? "" : $", credential secret {dataset.CredentialSecret}";
            var schema = dataset.SchemaDigest is null ? "" : $", schema {dataset.SchemaDigest}";
            yield return $"    - {dataset.Owner}/{dataset.Name} ({dataset.Format}) at {dataset.Location}; key secret {dataset.KeySecret}{credential}{schema}";
        }

        yield return "  secrets:" + (content.Secrets.Count == 0 ? "      none" : "");
        foreach (var secret in content.Secrets)
        {
            yield return $"    - {secret.Owner}/{secret.Name}";
        }

        foreach (var line in CleanRoom(content.CleanRoom))
        {
            yield return line;
        }

        foreach (var line in Attestation(content.AttestationPolicy))
        {
            yield return line;
        }

        var validity = content.Validity;
        yield return $"  validity:     from {When(validity.NotBefore, "acceptance")} until {When(validity.NotAfter, "revoked")}, "
            + (validity.MaxReleases is { } max ? $"at most {max.ToString(CultureInfo.InvariantCulture)} releases" : "no release limit");
    }

    private static IEnumerable<string> CleanRoom(CleanRoomProfile room)
    {
        var type = room.Type switch
        {
            0 => "application sandbox with process isolation",
            1 => "VMPL + process",
            2 => "nested VM under VMPL",
            3 => "sandbox VM + firewall VM",
            _ => "unknown",
        };
        yield return $"  clean room:   type {room.Type} ({type}), VMPL {room.Vmpl}";
        yield return room.CustomRuntime is { } runtime
            ? $"    runtime:    {runtime.Name}, digest {runtime.Digest ?? "(any)"}, signer {runtime.SignerThumbprint ?? "(any)"}"
            : "    runtime:    the standard runtime";
        yield return $"    egress:     {room.Egress.ToString().ToLowerInvariant()}" + (room.EgressPolicy is { } policy
            ? "; allowed: " + string.Join("; ", policy.AllowedFormats.Select(AllowedFormat))
            : "");
    }

    private static string AllowedFormat(AllowedOutputFormat format) =>
        format.Format
        + (format.AllowedOperators.Count == 0 ? " (any operator)" : $" ({string.Join(", ", format.AllowedOperators)})")
        + (format.MaxBytes is { } max ? $", at most {max.ToString(CultureInfo.InvariantCulture)} bytes" : "");

    private static IEnumerable<string> Attestation(AttestationPolicySpec policy)
    {
        yield return "  attestation:";
        yield return $"    measurements:         {List(policy.Measurements)}";
        yield return $"    host data:            {List(policy.HostData)}";
        yield return $"    ID key digests:       {List(policy.IdKeyDigests)}";
        yield return $"    author key digests:   {List(policy.AuthorKeyDigests)}";
        yield return $"    family id / image id: {policy.FamilyId ?? "any"} / {policy.ImageId ?? "any"}";
        yield return $"    minimum guest SVN:    {policy.MinimumGuestSvn?.ToString(CultureInfo.InvariantCulture) ?? "any"}";
        yield return $"    minimum TCB:          {Tcb(policy.MinimumTcb)}";
        yield return $"    products:             {(policy.Products.Count == 0 ? "any" : string.Join(", ", policy.Products))}";
        yield return $"    signing key:          {policy.SigningKey.ToString().ToLowerInvariant()}";
        yield return $"    VMPL:                 {policy.Vmpl?.ToString(CultureInfo.InvariantCulture) ?? "the clean room's"}";
        yield return $"    report version:       {(policy.MinimumReportVersion is { } version ? "at least " + version.ToString(CultureInfo.InvariantCulture) : "any")}";
        yield return $"    trusted providers:    {List(policy.TrustedAttestationProviders)}";
        yield return $"    allow debug:          {YesNo(policy.AllowDebug)}";
        yield return $"    allow migration agent: {YesNo(policy.AllowMigrationAgent)}";
        yield return $"    allow SMT:            {YesNo(policy.AllowSmt)}";
        yield return $"    allow masked chip id: {YesNo(policy.AllowMaskedChipId)}";
    }

    private static string List(IReadOnlyList<string> values) => values.Count == 0 ? "any" : string.Join(", ", values);

    private static string YesNo(bool value) => value ? "YES" : "no";

    private static string When(DateTimeOffset? at, string otherwise) =>
        at?.ToString("u", CultureInfo.InvariantCulture) ?? otherwise;

    private static string Tcb(TcbMinimumSpec? tcb) => tcb is null
        ? "any"
        : string.Join(", ", new (string Name, byte? Value)[] { ("boot loader", tcb.BootLoader), ("TEE", tcb.Tee), ("SNP", tcb.Snp), ("microcode", tcb.Microcode), ("FMC", tcb.Fmc) }
            .Where(c => c.Value is not null).Select(c => $"{c.Name} {c.Value!.Value.ToString(CultureInfo.InvariantCulture)}"));
}
