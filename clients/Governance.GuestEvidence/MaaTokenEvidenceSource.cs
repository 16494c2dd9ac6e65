namespace Governance.GuestEvidence;

/// <summary>
/// <c>--evidence maa-token</c> on an Azure confidential VM: the vTPM's HCL report for the binding (as
/// <see cref="AzureCvmEvidenceSource"/> gets it) and the host's VCEK chain go to the configured Azure Attestation
/// provider, whose token is the evidence.
/// </summary>
public sealed class MaaTokenEvidenceSource(IEvidenceSource hardware, MaaAttestationClient provider) : IEvidenceSource
{
    public string Name => EvidenceSources.MaaToken;

    public async Task<CleanRoomEvidence> GetEvidenceAsync(ReadOnlyMemory<byte> binding, CancellationToken cancellationToken)
    {
        var evidence = await hardware.GetEvidenceAsync(binding, cancellationToken);
        if (evidence.BindingMismatch(binding.Span) is { } mismatch)
        {
            throw new EvidenceUnavailableException($"{evidence.Source}: {mismatch}");
        }

        if (evidence is not HclEvidence hcl)
        {
            throw new EvidenceUnavailableException($"maa-token: {evidence.Source} evidence cannot be sent to an attestation provider; only an Azure confidential VM's HCL report.");
        }

        var token = await provider.AttestAsync(
            HclReportLayout.SnpReport(hcl.HclReport).ToArray(), VcekChain(hcl.Certificates), HclReportLayout.RuntimeData(hcl.HclReport).ToArray(), cancellationToken);
        return new MaaTokenEvidence(token, Name);
    }

    /// <summary>The VCEK and its chain in PEM, from the host's THIM JSON (vcekCert, certificateChain).</summary>
    private static string VcekChain(byte[] thim)
    {
        try
        {
            using var document = JsonDocument.Parse(thim);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("vcekCert", out var vcek) && vcek.ValueKind == JsonValueKind.String &&
                root.TryGetProperty("certificateChain", out var chain) && chain.ValueKind == JsonValueKind.String)
            {
                return vcek.GetString() + "\n" + chain.GetString();
            }
        }
        catch (JsonException)
        {
        }

        throw new EvidenceUnavailableException("maa-token: the host's THIM endpoint gave no VCEK chain (vcekCert and certificateChain), which the attestation provider needs.");
    }
}
