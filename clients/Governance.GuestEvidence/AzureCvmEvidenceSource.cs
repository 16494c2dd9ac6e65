namespace Governance.GuestEvidence;

/// <summary>
/// An Azure confidential VM's evidence through its vTPM, as Azure documents it: the guest writes its 64 bytes of
/// user data to NV index 0x01400002, the paravisor answers with a fresh HCL report (an SEV-SNP report whose
/// REPORT_DATA hashes runtime claims holding that user data) in NV index 0x01400001, which the guest reads. The VCEK
/// chain comes from the host's certificate cache (<see cref="ThimCertificates"/>).
/// </summary>
public sealed class AzureCvmEvidenceSource(TpmAddress tpm, ThimCertificates certificates) : IEvidenceSource
{
    /// <summary>The HCL report the paravisor writes.</summary>
    public const uint ReportIndex = 0x01400001;

    /// <summary>The report request: 64 bytes of user data.</summary>
    public const uint RequestIndex = 0x01400002;

    public const int UserDataLength = 64;

    public string Name => EvidenceSources.AzureCvm;

    public async Task<CleanRoomEvidence> GetEvidenceAsync(ReadOnlyMemory<byte> binding, CancellationToken cancellationToken)
    {
        if (binding.Length != UserDataLength)
        {
            throw new ArgumentException("The report request's user data is 64 bytes.", nameof(binding));
        }

        byte[] report;
        try
        {
            await using var transport = await tpm.OpenAsync(cancellationToken);
            report = await RequestReportAsync(new TpmClient(transport), binding, cancellationToken);
        }
        catch (TpmException exception)
        {
            throw new EvidenceUnavailableException($"azure-cvm: the vTPM at {tpm} failed: {exception.Message}", exception);
        }

        return new HclEvidence(report, await certificates.FetchAsync(cancellationToken), Name);
    }

    private async Task<byte[]> RequestReportAsync(TpmClient client, ReadOnlyMemory<byte> binding, CancellationToken cancellationToken)
    {
        TpmNvPublic request;
        try
        {
            request = await client.ReadPublicAsync(RequestIndex, cancellationToken);
        }
        catch (TpmException exception) when (exception.IsMissingHandle)
        {
            // Azure documents defining the request index when the image has not.
            await client.DefineAsync(RequestIndex, UserDataLength, cancellationToken);
            request = await client.ReadPublicAsync(RequestIndex, cancellationToken);
        }

        await client.WriteAsync(request, binding, cancellationToken);

        TpmNvPublic index;
        try
        {
            index = await client.ReadPublicAsync(ReportIndex, cancellationToken);
        }
        catch (TpmException exception) when (exception.IsMissingHandle)
        {
            throw new EvidenceUnavailableException(
                $"azure-cvm: the vTPM at {tpm} has no HCL report index 0x{ReportIndex:x8}; this is not an Azure confidential VM (or its paravisor offers no reports).", exception);
        }

        if (index.Size < HclReportLayout.VariableDataOffset)
        {
            throw new EvidenceUnavailableException($"azure-cvm: the HCL report index 0x{ReportIndex:x8} holds {index.Size} bytes, too few for a report ({HclReportLayout.VariableDataOffset}).");
        }

        return HclReportLayout.Trim(await client.ReadAsync(index, cancellationToken));
    }
}
