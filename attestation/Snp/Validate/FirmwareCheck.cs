namespace Governance.Attestation.Snp.Validate;

/// <summary>
/// The host's firmware: the reported TCB is not above the current one, committed equals current unless provisional
/// firmware is allowed (then committed may only be lower, never higher), and CURRENT_BUILD reaches the minimum. The TCBs are compared as whole TCB_VERSION words, so
/// the bytes no component names count too.
/// </summary>
internal static class FirmwareCheck
{
    public static void Evaluate(AttestationPolicy policy, AttestationClaims claims, PolicyFailures failures)
    {
        // An attestation token carries neither word; the provider that issued it appraised them.
        if (claims.Report is { } report && claims.Product is { } product)
        {
            var current = report.CurrentTcb.Decode(product);
            var committed = report.CommittedTcb.Decode(product);
            if (!TcbMinimumCheck.AtLeast(report.CurrentTcb, report.ReportedTcb))
            {
                failures.Add(PolicyRules.ReportedTcb, nameof(AttestationClaims.ReportedTcb), $"<= current {current}", report.ReportedTcb.Decode(product).ToString());
            }

            if (policy.AllowProvisionalFirmware)
            {
                if (!TcbMinimumCheck.AtLeast(report.CurrentTcb, report.CommittedTcb) || Compare(report.CommittedVersion, report.CurrentVersion) > 0)
                {
                    failures.Add(PolicyRules.ProvisionalFirmware, nameof(AttestationClaims.CommittedTcb), $"<= current {current} ({report.CurrentVersion})", $"{committed} ({report.CommittedVersion})");
                }
            }
            else if (report.CommittedTcb != report.CurrentTcb || report.CommittedVersion != report.CurrentVersion)
            {
                failures.Add(PolicyRules.ProvisionalFirmware, nameof(AttestationClaims.CommittedTcb), $"= current {current} ({report.CurrentVersion})", $"{committed} ({report.CommittedVersion})");
            }
        }

        if (policy.MinimumBuild is { } minimum && (claims.Report is not { } r || r.CurrentVersion.Build < minimum))
        {
            failures.Add(PolicyRules.MinimumBuild, "CurrentVersion.Build", $">= {minimum}", claims.Report?.CurrentVersion.Build.ToString() ?? PolicyFailures.Absent);
        }
    }

    private static int Compare(Abi.FirmwareVersion a, Abi.FirmwareVersion b) => (a.Major, a.Minor, a.Build).CompareTo((b.Major, b.Minor, b.Build));
}
