using System.Security.Cryptography;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;

namespace Governance.Attestation.Snp.Validate;

/// <summary>
/// Evaluates an <see cref="AttestationPolicy"/> against verified <see cref="AttestationClaims"/> and returns every
/// failed rule. Byte comparisons are constant-time; minimum TCB applies to the REPORTED TCB component by component.
/// </summary>
public static class AttestationPolicyEvaluator
{
    private const string Absent = "absent";

    /// <exception cref="FormatException">A hex value in the policy is malformed (policies are validated on input).</exception>
    public static PolicyEvaluation Evaluate(AttestationClaims claims, AttestationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(policy);
        var failures = new List<PolicyFailure>();
        void Fail(string rule, string field, string expected, string actual) => failures.Add(new PolicyFailure(rule, field, expected, actual));

        AllowList("measurement", nameof(AttestationClaims.Measurement), policy.Measurements, claims.Measurement);
        AllowList("host_data", nameof(AttestationClaims.HostData), policy.HostData, claims.HostData);
        AllowList("id_key_digest", nameof(AttestationClaims.IdKeyDigest), policy.IdKeyDigests, claims.IdKeyDigest);
        AllowList("author_key_digest", nameof(AttestationClaims.AuthorKeyDigest), policy.AuthorKeyDigests, claims.AuthorKeyDigest);
        if (policy.FamilyId is { } familyId)
        {
            AllowList("family_id", nameof(AttestationClaims.FamilyId), [familyId], claims.FamilyId);
        }

        if (policy.ImageId is { } imageId)
        {
            AllowList("image_id", nameof(AttestationClaims.ImageId), [imageId], claims.ImageId);
        }

        if (policy.MinimumGuestSvn is { } minSvn && claims.GuestSvn < minSvn)
        {
            Fail("minimum_guest_svn", nameof(AttestationClaims.GuestSvn), $">= {minSvn}", claims.GuestSvn.ToString());
        }

        if (policy.MinimumTcb is { } minimum)
        {
            CheckTcb(minimum, claims);
        }

        if (policy.Products.Count > 0)
        {
            if (claims.Product is not { } product || !policy.Products.Contains(product))
            {
                Fail("products", nameof(AttestationClaims.Product), string.Join(" | ", policy.Products), claims.Product?.ToString() ?? Absent);
            }
        }

        CheckSigningKey(policy.SigningKey, claims);
        if (!policy.AllowDebug && claims.Debuggable)
        {
            Fail("debug", nameof(AttestationClaims.Debuggable), "false", "true");
        }

        if (!policy.AllowMigrationAgent && claims.MigrationAgentAllowed)
        {
            Fail("migration_agent", nameof(AttestationClaims.MigrationAgentAllowed), "false", "true");
        }

        if (!policy.AllowSmt && claims.SmtAllowed)
        {
            Fail("smt", nameof(AttestationClaims.SmtAllowed), "false", "true");
        }

        if (policy.Vmpl is { } vmpl && claims.Vmpl != vmpl)
        {
            Fail("vmpl", nameof(AttestationClaims.Vmpl), vmpl.ToString(), claims.Vmpl.ToString());
        }

        if (policy.MinimumReportVersion is { } minVersion && (claims.ReportVersion is not { } version || version < minVersion))
        {
            Fail("minimum_report_version", nameof(AttestationClaims.ReportVersion), $">= {minVersion}", claims.ReportVersion?.ToString() ?? Absent);
        }

        if (!policy.AllowMaskedChipId && claims.ChipIdMasked)
        {
            Fail("masked_chip_id", nameof(AttestationClaims.ChipId), "a chip id", "all zero (masked)");
        }

        if (claims.EvidenceKind == EvidenceKind.MaaToken && policy.TrustedAttestationProviders.Count > 0 &&
            !policy.TrustedAttestationProviders.Any(p => string.Equals(p.TrimEnd('/'), claims.MaaIssuer?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
        {
            Fail("trusted_attestation_providers", nameof(AttestationClaims.MaaIssuer), string.Join(" | ", policy.TrustedAttestationProviders), claims.MaaIssuer ?? Absent);
        }

        return new PolicyEvaluation(failures);

        void AllowList(string rule, string field, IReadOnlyList<string> allowed, byte[] actual)
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
                Fail(rule, field, string.Join(" | ", allowed.Select(h => h.ToLowerInvariant())), Convert.ToHexStringLower(actual));
            }
        }

        void CheckTcb(TcbMinimum minimum, AttestationClaims c)
        {
            var tcb = c.ReportedTcb;
            Component("bootloader", minimum.BootLoader, tcb?.BootLoader);
            Component("tee", minimum.Tee, tcb?.Tee);
            Component("snp", minimum.Snp, tcb?.Snp);
            Component("microcode", minimum.Microcode, tcb?.Microcode);
            if (c.Product == SnpProduct.Turin)
            {
                Component("fmc", minimum.Fmc, tcb?.Fmc);
            }
        }

        void Component(string name, byte? minimum, byte? actual)
        {
            if (minimum is { } min && (actual is not { } value || value < min))
            {
                Fail($"minimum_tcb.{name}", $"{nameof(AttestationClaims.ReportedTcb)}.{name}", $">= {min}", actual?.ToString() ?? Absent);
            }
        }

        void CheckSigningKey(SigningKeyRequirement requirement, AttestationClaims c)
        {
            var ok = requirement switch
            {
                SigningKeyRequirement.Vcek => c.SigningKey is null ? c.EvidenceKind == EvidenceKind.MaaToken : c.SigningKey == SigningKeyKind.Vcek,
                SigningKeyRequirement.Vlek => c.SigningKey == SigningKeyKind.Vlek,
                _ => c.SigningKey is null or SigningKeyKind.Vcek or SigningKeyKind.Vlek,
            };
            if (!ok)
            {
                Fail("signing_key", nameof(AttestationClaims.SigningKey), requirement.ToString(), c.SigningKey?.ToString() ?? Absent);
            }
        }
    }
}
