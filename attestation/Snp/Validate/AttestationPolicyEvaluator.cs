namespace Governance.Attestation.Snp.Validate;

/// <summary>
/// Evaluates an <see cref="AttestationPolicy"/> against verified <see cref="AttestationClaims"/> and returns every
/// failed rule (named in <see cref="PolicyRules"/>). Byte comparisons are constant-time; minimum TCB applies to the
/// REPORTED TCB component by component. A bit that weakens the guest fails unless the policy allows it.
/// </summary>
public static class AttestationPolicyEvaluator
{
    /// <exception cref="FormatException">A hex value in the policy is malformed (policies are validated on input).</exception>
    public static PolicyEvaluation Evaluate(AttestationClaims claims, AttestationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(policy);
        var failures = new PolicyFailures();

        AllowList(PolicyRules.Measurement, nameof(AttestationClaims.Measurement), policy.Measurements, claims.Measurement, failures);
        AllowList(PolicyRules.HostData, nameof(AttestationClaims.HostData), policy.HostData, claims.HostData, failures);
        AllowList(PolicyRules.IdKeyDigest, nameof(AttestationClaims.IdKeyDigest), policy.IdKeyDigests, claims.IdKeyDigest, failures);
        AllowList(PolicyRules.AuthorKeyDigest, nameof(AttestationClaims.AuthorKeyDigest), policy.AuthorKeyDigests, claims.AuthorKeyDigest, failures);
        if (policy.FamilyId is { } familyId)
        {
            AllowList(PolicyRules.FamilyId, nameof(AttestationClaims.FamilyId), [familyId], claims.FamilyId, failures);
        }

        if (policy.ImageId is { } imageId)
        {
            AllowList(PolicyRules.ImageId, nameof(AttestationClaims.ImageId), [imageId], claims.ImageId, failures);
        }

        if (policy.MinimumGuestSvn is { } minSvn && claims.GuestSvn < minSvn)
        {
            failures.Add(PolicyRules.MinimumGuestSvn, nameof(AttestationClaims.GuestSvn), $">= {minSvn}", claims.GuestSvn.ToString());
        }

        if (policy.MinimumTcb is { } minimum)
        {
            TcbMinimumCheck.Evaluate(minimum, claims.Product, claims.ReportedTcb, PolicyRules.MinimumTcbPrefix, PolicyRules.MinimumTcbProduct, nameof(AttestationClaims.ReportedTcb), failures);
        }

        if (policy.Products.Count > 0 && (claims.Product is not { } product || !policy.Products.Contains(product)))
        {
            failures.Add(PolicyRules.Products, nameof(AttestationClaims.Product), string.Join(" | ", policy.Products), claims.Product?.ToString() ?? PolicyFailures.Absent);
        }

        CheckSigningKey(policy.SigningKey, claims, failures);
        failures.Refused(policy.AllowDebug, PolicyRules.Debug, nameof(AttestationClaims.Debuggable), claims.Debuggable);
        failures.Refused(policy.AllowMigrationAgent, PolicyRules.MigrationAgent, nameof(AttestationClaims.MigrationAgentAllowed), claims.MigrationAgentAllowed);
        failures.Refused(policy.AllowSmt, PolicyRules.Smt, nameof(AttestationClaims.SmtAllowed), claims.SmtAllowed);
        if (policy.Vmpl is { } vmpl && claims.Vmpl != vmpl)
        {
            failures.Add(PolicyRules.Vmpl, nameof(AttestationClaims.Vmpl), vmpl.ToString(), claims.Vmpl.ToString());
        }

        if (policy.MinimumReportVersion is { } minVersion && (claims.ReportVersion is not { } version || version < minVersion))
        {
            failures.Add(PolicyRules.MinimumReportVersion, nameof(AttestationClaims.ReportVersion), $">= {minVersion}", claims.ReportVersion?.ToString() ?? PolicyFailures.Absent);
        }

        if (!policy.AllowMaskedChipId && claims.ChipIdMasked)
        {
            failures.Add(PolicyRules.MaskedChipId, nameof(AttestationClaims.ChipId), "a chip id", "all zero (masked)");
        }

        if (claims.EvidenceKind == EvidenceKind.MaaToken && policy.TrustedAttestationProviders.Count > 0 &&
            !policy.TrustedAttestationProviders.Any(p => string.Equals(p.TrimEnd('/'), claims.MaaIssuer?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add(PolicyRules.TrustedAttestationProviders, nameof(AttestationClaims.MaaIssuer), string.Join(" | ", policy.TrustedAttestationProviders), claims.MaaIssuer ?? PolicyFailures.Absent);
        }

        GuestPolicyCheck.Evaluate(policy, claims, failures);
        PlatformInfoCheck.Evaluate(policy, claims, failures);
        FirmwareCheck.Evaluate(policy, claims, failures);
        MitigationVectorCheck.Evaluate(policy, claims, failures);
        if (policy.MinimumLaunchTcb is { } launchMinimum)
        {
            TcbMinimumCheck.Evaluate(launchMinimum, claims.Product, claims.LaunchTcb, PolicyRules.MinimumLaunchTcbPrefix, PolicyRules.MinimumLaunchTcbProduct, nameof(AttestationClaims.LaunchTcb), failures);
        }

        return new PolicyEvaluation(failures.All);
    }

    private static void AllowList(string rule, string field, IReadOnlyList<string> allowed, byte[] actual, PolicyFailures failures)
    {
        if (allowed.Count == 0)
        {
            return;
        }

        var match = false;
        foreach (var hex in allowed)
        {
            var expected = Convert.FromHexString(hex);
            match |= expected.Length == actual.Length && CryptographicOperations.FixedTimeEquals(expected, actual);
        }

        if (!match)
        {
            failures.Add(rule, field, string.Join(" | ", allowed.Select(h => h.ToLowerInvariant())), Convert.ToHexStringLower(actual));
        }
    }

    private static void CheckSigningKey(SigningKeyRequirement requirement, AttestationClaims claims, PolicyFailures failures)
    {
        var ok = requirement switch
        {
            SigningKeyRequirement.Vcek => claims.SigningKey is null ? claims.EvidenceKind == EvidenceKind.MaaToken : claims.SigningKey == SigningKeyKind.Vcek,
            SigningKeyRequirement.Vlek => claims.SigningKey == SigningKeyKind.Vlek,
            _ => claims.SigningKey is null or SigningKeyKind.Vcek or SigningKeyKind.Vlek,
        };
        if (!ok)
        {
            failures.Add(PolicyRules.SigningKey, nameof(AttestationClaims.SigningKey), requirement.ToString(), claims.SigningKey?.ToString() ?? PolicyFailures.Absent);
        }
    }
}
