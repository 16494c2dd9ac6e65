namespace Governance.Domain.Contracts;

/// <summary>
/// Checks a contract's content before it is stored: lengths of every hex field, parties that exist and
/// are active, the proposer among them, owners that are parties, no duplicate names, no list longer than
/// <see cref="ContractContentLimits"/> allows. The problems are reported at once as a 422 whose <c>errors</c> maps
/// JSON paths to messages, the first <see cref="ContractContentLimits.MaxReportedViolations"/> of them listed and
/// the rest counted in <c>omittedErrors</c>.
/// </summary>
public static partial class ContractContentValidator
{
    /// <summary>The largest <c>maxBytes</c> of an egress format: protobuf's limit on one message, which an ONNX model is.</summary>
    public const long MaxEgressBytes = int.MaxValue;

    /// <param name="amendedParties">For an amendment, the parties of the version it amends, each of whom it must keep.</param>
    public static void Validate(
        ContractContent? content, string proposerId, IReadOnlyDictionary<string, PartyStanding> standings, IReadOnlyList<string>? amendedParties = null)
    {
        ArgumentNullException.ThrowIfNull(standings);
        var errors = new Errors();
        if (content is null)
        {
            throw DomainException.Invalid("The contract content is missing.");
        }

        RejectNulls(content);

        Text(errors, "title", content.Title, 200, required: true);
        Text(errors, "description", content.Description, 10_000, required: false);
        ValidateParties(errors, content, proposerId, standings, amendedParties ?? []);
        var parties = content.Parties.ToHashSet(StringComparer.Ordinal);
        ValidateDatasets(errors, content, parties);
        ValidateSecrets(errors, content, parties);
        ValidateCleanRoom(errors, content.CleanRoom);
        ValidatePolicy(errors, content.AttestationPolicy, content.CleanRoom);
        ValidateValidity(errors, content.Validity);
        errors.ThrowIfAny();
    }

    // JSON may say null where the model has a list or an object; report it instead of failing on it later.
    private static void RejectNulls(ContractContent content)
    {
        var errors = new Errors();
        void Check(bool isNull, string path)
        {
            if (isNull)
            {
                errors.Add(path, "Must not be null.");
            }
        }

        Check(content.Parties is null || content.Parties.Any(p => p is null), "parties");
        Check(content.Datasets is null || content.Datasets.Any(d => d is null), "datasets");
        Check(content.Secrets is null || content.Secrets.Any(s => s is null), "secrets");
        Check(content.Validity is null, "validity");
        Check(content.CleanRoom is null, "cleanRoom");
        Check(content.CleanRoom?.EgressPolicy is { } egress && (egress.AllowedFormats is null
            || egress.AllowedFormats.Any(f => f is null || f.AllowedOperators is null)), "cleanRoom.egressPolicy.allowedFormats");
        var policy = content.AttestationPolicy;
        Check(policy is null, "attestationPolicy");
        if (policy is not null)
        {
            Check(policy.Measurements is null || policy.Measurements.Any(v => v is null), "attestationPolicy.measurements");
            Check(policy.HostData is null || policy.HostData.Any(v => v is null), "attestationPolicy.hostData");
            Check(policy.IdKeyDigests is null || policy.IdKeyDigests.Any(v => v is null), "attestationPolicy.idKeyDigests");
            Check(policy.AuthorKeyDigests is null || policy.AuthorKeyDigests.Any(v => v is null), "attestationPolicy.authorKeyDigests");
            Check(policy.Products is null, "attestationPolicy.products");
            Check(policy.TrustedAttestationProviders is null || policy.TrustedAttestationProviders.Any(v => v is null), "attestationPolicy.trustedAttestationProviders");
        }

        errors.ThrowIfAny();
    }

    private static void ValidateParties(
        Errors errors, ContractContent content, string proposerId, IReadOnlyDictionary<string, PartyStanding> standings, IReadOnlyList<string> amendedParties)
    {
        if (content.Parties.Count == 0)
        {
            errors.Add("parties", "At least one party is required.");
            return;
        }

        if (!Fits(errors, "parties", content.Parties.Count, ContractContentLimits.MaxParties))
        {
            return;
        }

        if (!content.Parties.Contains(proposerId, StringComparer.Ordinal))
        {
            errors.Add("parties", $"The proposer '{Shown(proposerId)}' must be one of the parties.");
        }

        foreach (var duplicate in Duplicates(content.Parties))
        {
            errors.Add("parties", $"Party '{Shown(duplicate)}' is listed twice.");
        }

        foreach (var dropped in AmendmentParties.Dropped(amendedParties, content.Parties))
        {
            errors.Add("parties", AmendmentParties.Fault(dropped));
        }

        for (var i = 0; i < content.Parties.Count; i++)
        {
            var party = content.Parties[i];
            switch (standings.GetValueOrDefault(party ?? "", PartyStanding.Unknown))
            {
                case PartyStanding.Unknown:
                    errors.Add($"parties[{i}]", $"'{Shown(party)}' is not a member who may be a party.");
                    break;
                case PartyStanding.Inactive:
                    errors.Add($"parties[{i}]", $"Member '{Shown(party)}' is not active.");
                    break;
            }
        }
    }

    private static void ValidateDatasets(Errors errors, ContractContent content, HashSet<string> parties)
    {
        if (!Fits(errors, "datasets", content.Datasets.Count, ContractContentLimits.MaxDatasets))
        {
            return;
        }

        for (var i = 0; i < content.Datasets.Count; i++)
        {
            var dataset = content.Datasets[i];
            var path = $"datasets[{i}]";
            Owner(errors, path, dataset.Owner, parties);
            Name(errors, $"{path}.name", dataset.Name);
            Name(errors, $"{path}.keySecret", dataset.KeySecret);
            if (dataset.CredentialSecret is not null)
            {
                Name(errors, $"{path}.credentialSecret", dataset.CredentialSecret);
            }

            Text(errors, $"{path}.format", dataset.Format, 50, required: true);
            if (!Uri.TryCreate(dataset.Location, UriKind.Absolute, out _) || dataset.Location.Length > 2000)
            {
                errors.Add($"{path}.location", "Must be an absolute URI (at most 2000 characters).");
            }

            Hex(errors, $"{path}.schemaDigest", dataset.SchemaDigest, 32);
            PinnedVersion(errors, $"{path}.keySecretVersion", dataset.KeySecretVersion);
            PinnedVersion(errors, $"{path}.credentialSecretVersion", dataset.CredentialSecretVersion);
            if (dataset.CredentialSecret is null && dataset.CredentialSecretVersion is not null)
            {
                errors.Add($"{path}.credentialSecretVersion", "Pins the version of a credentialSecret; name one.");
            }
        }

        foreach (var duplicate in Duplicates(content.Datasets.Select(d => $"{d.Owner}/{d.Name}")))
        {
            errors.Add("datasets", $"Dataset '{Shown(duplicate)}' is listed twice.");
        }
    }

    private static void ValidateSecrets(Errors errors, ContractContent content, HashSet<string> parties)
    {
        if (!Fits(errors, "secrets", content.Secrets.Count, ContractContentLimits.MaxSecrets)
            || content.Datasets.Count > ContractContentLimits.MaxDatasets)
        {
            return;
        }

        for (var i = 0; i < content.Secrets.Count; i++)
        {
            Owner(errors, $"secrets[{i}]", content.Secrets[i].Owner, parties);
            Name(errors, $"secrets[{i}].name", content.Secrets[i].Name);
            PinnedVersion(errors, $"secrets[{i}].version", content.Secrets[i].Version);
        }

        foreach (var duplicate in Duplicates(content.Secrets.Select(s => $"{s.Owner}/{s.Name}")))
        {
            errors.Add("secrets", $"Secret '{Shown(duplicate)}' is listed twice.");
        }

        // One secret named twice (a secret that is also a dataset's key) is released once, so it has one version.
        var pinned = content.Secrets.Select(s => (Key: $"{s.Owner}/{s.Name}", s.Version))
            .Concat(content.Datasets.Select(d => (Key: $"{d.Owner}/{d.KeySecret}", Version: d.KeySecretVersion)))
            .Concat(content.Datasets.Where(d => d.CredentialSecret is not null).Select(d => (Key: $"{d.Owner}/{d.CredentialSecret}", Version: d.CredentialSecretVersion)));
        foreach (var conflict in pinned.GroupBy(p => p.Key, StringComparer.Ordinal).Where(g => g.Select(p => p.Version).Distinct().Count() > 1))
        {
            errors.Add("secrets", $"Secret '{Shown(conflict.Key)}' is named with different versions; name it with one.");
        }
    }

    private static void PinnedVersion(Errors errors, string path, int? version)
    {
        if (version is < 1)
        {
            errors.Add(path, "A secret version is 1 or more.");
        }
    }

    private static void ValidateCleanRoom(Errors errors, CleanRoomProfile? room)
    {
        if (room is null)
        {
            errors.Add("cleanRoom", "The clean room profile is required.");
            return;
        }

        if (room.Type is < 0 or > 3)
        {
            errors.Add("cleanRoom.type", "Must be 0 (application sandbox), 1 (VMPL + process), 2 (nested VM under VMPL) or 3 (sandbox VM + firewall VM).");
        }

        if (room.Vmpl > 3)
        {
            errors.Add("cleanRoom.vmpl", "Must be 0–3.");
        }

        if (room.CustomRuntime is { } runtime)
        {
            Text(errors, "cleanRoom.customRuntime.name", runtime.Name, 200, required: true);
            if (runtime.Digest is null && runtime.SignerThumbprint is null)
            {
                errors.Add("cleanRoom.customRuntime", "Pin the runtime by its digest, its signer's thumbprint, or both.");
            }

            Hex(errors, "cleanRoom.customRuntime.digest", runtime.Digest, 32);
            if (runtime.SignerThumbprint is { } thumbprint && !(IsHex(thumbprint, 20) || IsHex(thumbprint, 32)))
            {
                errors.Add("cleanRoom.customRuntime.signerThumbprint", "Must be 40 (SHA-1) or 64 (SHA-256) lowercase hex digits.");
            }
        }

        if (room.Egress == EgressMode.Open)
        {
            if (room.EgressPolicy is not { AllowedFormats.Count: > 0 })
            {
                errors.Add("cleanRoom.egressPolicy", "Open egress needs an egress policy with at least one allowed format.");
            }
            else if (Fits(errors, "cleanRoom.egressPolicy.allowedFormats", room.EgressPolicy.AllowedFormats.Count, ContractContentLimits.MaxAllowedFormats))
            {
                for (var i = 0; i < room.EgressPolicy.AllowedFormats.Count; i++)
                {
                    var format = room.EgressPolicy.AllowedFormats[i];
                    Text(errors, $"cleanRoom.egressPolicy.allowedFormats[{i}].format", format.Format, 50, required: true);
                    if (Fits(errors, $"cleanRoom.egressPolicy.allowedFormats[{i}].allowedOperators", format.AllowedOperators.Count, ContractContentLimits.MaxAllowedOperators)
                        && format.AllowedOperators.Any(string.IsNullOrWhiteSpace))
                    {
                        errors.Add($"cleanRoom.egressPolicy.allowedFormats[{i}].allowedOperators", "Operator names must not be empty.");
                    }

                    if (format.MaxBytes is < 1 or > MaxEgressBytes)
                    {
                        errors.Add($"cleanRoom.egressPolicy.allowedFormats[{i}].maxBytes", $"Must be 1 to {MaxEgressBytes} when given.");
                    }
                }

                foreach (var duplicate in Duplicates(room.EgressPolicy.AllowedFormats.Select(f => f.Format)))
                {
                    errors.Add("cleanRoom.egressPolicy.allowedFormats", $"Format '{Shown(duplicate)}' is listed twice.");
                }
            }
        }
        else if (room.EgressPolicy is not null)
        {
            errors.Add("cleanRoom.egressPolicy", "An egress policy applies only to open egress.");
        }
    }

    private static void ValidatePolicy(Errors errors, AttestationPolicySpec? policy, CleanRoomProfile? room)
    {
        if (policy is null)
        {
            errors.Add("attestationPolicy", "The attestation policy is required.");
            return;
        }

        HexList(errors, "attestationPolicy.measurements", policy.Measurements, 48);
        HexList(errors, "attestationPolicy.hostData", policy.HostData, 32);
        HexList(errors, "attestationPolicy.idKeyDigests", policy.IdKeyDigests, 48);
        HexList(errors, "attestationPolicy.authorKeyDigests", policy.AuthorKeyDigests, 48);
        Hex(errors, "attestationPolicy.familyId", policy.FamilyId, 16);
        Hex(errors, "attestationPolicy.imageId", policy.ImageId, 16);
        // A policy that pins nothing about the workload would release to any VM that proves it is genuine SEV-SNP.
        if (!WorkloadPinning.Pins(policy.Measurements.Count, policy.HostData.Count, policy.IdKeyDigests.Count, room?.CustomRuntime is not null))
        {
            errors.Add("attestationPolicy", "Pin the workload: give at least one of measurements, hostData or idKeyDigests, "
                + "or a clean room custom runtime whose launch manifest the release checks.");
        }

        if (policy.Vmpl > 3)
        {
            errors.Add("attestationPolicy.vmpl", "Must be 0–3.");
        }
        else if (policy.Vmpl is { } vmpl && room is not null && vmpl != room.Vmpl)
        {
            errors.Add("attestationPolicy.vmpl", $"The clean room profile sets the VMPL ({room.Vmpl}); leave it out here or give the same value.");
        }

        Fits(errors, "attestationPolicy.products", policy.Products.Count, ContractContentLimits.MaxProducts);
        ValidateTcbMinimum(errors, "attestationPolicy.minimumTcb", policy.MinimumTcb, policy.Products);
        ValidateTcbMinimum(errors, "attestationPolicy.minimumLaunchTcb", policy.MinimumLaunchTcb, policy.Products);
        if (policy.MinimumAbiMinor is not null && policy.MinimumAbiMajor is null)
        {
            errors.Add("attestationPolicy.minimumAbiMinor", "Give minimumAbiMajor with it: the minor version counts only at a major version.");
        }

        var providers = Fits(errors, "attestationPolicy.trustedAttestationProviders", policy.TrustedAttestationProviders.Count,
            ContractContentLimits.MaxTrustedAttestationProviders) ? policy.TrustedAttestationProviders.Count : 0;
        for (var i = 0; i < providers; i++)
        {
            if (!Uri.TryCreate(policy.TrustedAttestationProviders[i], UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                errors.Add($"attestationPolicy.trustedAttestationProviders[{i}]", "Must be an absolute https URL.");
            }
        }
    }

    // SPLs are numbered on each product's own scale, so one set of components cannot serve two products: with more
    // than one product allowed, the minimum is given per product. A policy that allows any product keeps the single
    // form, as contracts written before the per-product form did.
    private static void ValidateTcbMinimum(Errors errors, string path, TcbMinimumSpec? minimum, IReadOnlyList<SnpProductName> products)
    {
        if (minimum is null)
        {
            return;
        }

        var perProduct = minimum.Milan is not null || minimum.Genoa is not null || minimum.Turin is not null;
        var components = HasComponents(minimum);
        if (perProduct && components)
        {
            errors.Add(path, "Give either components (bootLoader, tee, snp, microcode, fmc) or one entry per product (milan, genoa, turin), not both.");
            return;
        }

        if (!perProduct)
        {
            if (products.Distinct().Count() > 1)
            {
                errors.Add(path, "SPL scales differ between products: with more than one product allowed, give the minimum per product ({\"milan\": {...}, \"genoa\": {...}}).");
            }

            if (minimum.Fmc is not null && products.Count > 0 && !products.Contains(SnpProductName.Turin))
            {
                errors.Add($"{path}.fmc", "Only Turin has an FMC.");
            }

            return;
        }

        foreach (var (name, entry) in new[] { ("milan", minimum.Milan), ("genoa", minimum.Genoa), ("turin", minimum.Turin) })
        {
            if (entry is null)
            {
                if (products.Any(p => string.Equals(p.ToString(), name, StringComparison.OrdinalIgnoreCase)))
                {
                    errors.Add(path, $"The policy allows {name} but gives no minimum for it.");
                }

                continue;
            }

            if (entry.Milan is not null || entry.Genoa is not null || entry.Turin is not null)
            {
                errors.Add($"{path}.{name}", "A product's minimum holds components only.");
            }

            if (!HasComponents(entry))
            {
                errors.Add($"{path}.{name}", "Give at least one component.");
            }

            if (entry.Fmc is not null && name != "turin")
            {
                errors.Add($"{path}.{name}.fmc", "Only Turin has an FMC.");
            }
        }

        static bool HasComponents(TcbMinimumSpec m) => m.BootLoader is not null || m.Tee is not null || m.Snp is not null || m.Microcode is not null || m.Fmc is not null;
    }

    private static void ValidateValidity(Errors errors, ContractValidity? validity)
    {
        if (validity is null)
        {
            return;
        }

        if (validity is { NotBefore: { } from, NotAfter: { } to } && from >= to)
        {
            errors.Add("validity", "notBefore must be earlier than notAfter.");
        }

        if (validity.MaxReleases is <= 0)
        {
            errors.Add("validity.maxReleases", "Must be positive when given.");
        }
    }

    private static void Owner(Errors errors, string path, string? owner, HashSet<string> parties)
    {
        if (owner is null || !parties.Contains(owner))
        {
            errors.Add($"{path}.owner", $"The owner '{Shown(owner)}' must be one of the parties.");
        }
    }

    private static void Name(Errors errors, string path, string? name)
    {
        if (!Secrets.SecretName.IsValid(name))
        {
            errors.Add(path, $"Must be {Secrets.SecretName.Rule}.");
        }
    }

    private static void Text(Errors errors, string path, string? value, int maxLength, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(path, "Required.");
        }
        else if (value is not null && value.Length > maxLength)
        {
            errors.Add(path, $"At most {maxLength} characters.");
        }
    }

    private static void HexList(Errors errors, string path, IReadOnlyList<string> values, int bytes)
    {
        if (!Fits(errors, path, values.Count, ContractContentLimits.MaxPolicyValues))
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            Hex(errors, $"{path}[{i}]", values[i], bytes);
        }

        foreach (var duplicate in Duplicates(values))
        {
            errors.Add(path, $"'{Shown(duplicate)}' is listed twice.");
        }
    }

    private static void Hex(Errors errors, string path, string? value, int bytes)
    {
        if (value is not null && !IsHex(value, bytes))
        {
            errors.Add(path, $"Must be {bytes * 2} lowercase hex digits ({bytes} bytes).");
        }
    }

    // A list over its ceiling is one fault, and its entries are not looked at: that is what bounds the work.
    private static bool Fits(Errors errors, string path, int count, int max)
    {
        if (count <= max)
        {
            return true;
        }

        errors.Add(path, $"At most {max} entries; {count} given.");
        return false;
    }

    // A message quotes what was sent; a long value is quoted by its start, so a refusal stays small.
    private static string? Shown(string? value) => value is { Length: > 100 } ? string.Concat(value.AsSpan(0, 100), "…") : value;

    // Lowercase only, so that one value has one spelling and therefore one digest.
    private static bool IsHex(string value, int bytes) =>
        value.Length == bytes * 2 && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static IEnumerable<string> Duplicates(IEnumerable<string?> values) =>
        values.Where(v => v is not null).GroupBy(v => v!, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> byPath = new(StringComparer.Ordinal);
        private int count;

        public void Add(string path, string message)
        {
            if (++count > ContractContentLimits.MaxReportedViolations)
            {
                return;
            }

            if (!byPath.TryGetValue(path, out var list))
            {
                byPath[path] = list = [];
            }

            list.Add(message);
        }

        public void ThrowIfAny()
        {
            if (count == 0)
            {
                return;
            }

            var omitted = Math.Max(0, count - ContractContentLimits.MaxReportedViolations);
            var detail = omitted == 0
                ? $"The contract content breaks {count} rule(s); see 'errors'."
                : $"The contract content breaks {count} rule(s); 'errors' lists the first {ContractContentLimits.MaxReportedViolations}, and {omitted} more.";
            throw DomainException.Invalid(detail, byPath.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), omitted);
        }
    }
}
