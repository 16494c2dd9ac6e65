using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Governance.GuestEvidence;
using Governance.GuestEvidence.Tpm;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Simulation;

namespace Governance.IntegrationTests.Agent.Azure;

/// <summary>
/// Azure's paravisor as the guest sees it, in front of a software TPM: a loopback port that passes TPM commands on
/// unchanged and, when a TPM2_NV_Write of 64 bytes to the report request index (0x01400002) succeeds, has the
/// simulated SEV-SNP platform sign an HCL report for that user data and writes it into the report index
/// (0x01400001) before the guest sees the write's response. The agent's code is the code that runs on Azure; only
/// its <c>--tpm</c> address differs.
/// </summary>
internal sealed class SimulatedParavisor : IAsyncDisposable
{
    private const int HeaderSize = 10;
    private readonly SoftwareTpm tpm;
    private readonly SimulatedSnpPlatform platform;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    public SimulatedParavisor(SoftwareTpm tpm, SimulatedSnpPlatform platform)
    {
        this.tpm = tpm;
        this.platform = platform;
        listener.Start();
        serving = ServeAsync();
    }

    /// <summary>What the platform reports (e.g. the launch measurement); the user data is always the guest's.</summary>
    public Func<AttestationReport, AttestationReport> Report { get; set; } = r => r;

    /// <summary>False plays a paravisor that leaves the previous report in place.</summary>
    public bool Fresh { get; set; } = true;

    /// <summary>The agent's <c>--tpm</c> value.</summary>
    public string Address => $"tcp:{listener.LocalEndpoint}";

    /// <summary>Defines both indices, as an Azure CVM's vTPM has them, with an earlier report in the report index.</summary>
    public async Task ProvisionAsync()
    {
        var (client, connection) = await tpm.ConnectAsync();
        await using (connection)
        {
            await DefineOnceAsync(client, AzureCvmEvidenceSource.RequestIndex, AzureCvmEvidenceSource.UserDataLength);
            await DefineOnceAsync(client, AzureCvmEvidenceSource.ReportIndex, 2048);
            await PublishAsync(client, new byte[64]);
        }
    }

    private static async Task DefineOnceAsync(TpmClient client, uint index, ushort size)
    {
        try
        {
            await client.DefineAsync(index, size, CancellationToken.None);
        }
        catch (TpmException exception) when (exception.IsAlreadyDefined)
        {
        }
    }

    private async Task PublishAsync(TpmClient client, byte[] userData)
    {
        var report = SimulatedHclReport.Create(platform, Report(platform.NewReport()), userData);
        var index = await client.ReadPublicAsync(AzureCvmEvidenceSource.ReportIndex, CancellationToken.None);
        var padded = new byte[index.Size];
        report.CopyTo(padded, 0);
        await client.WriteAsync(index, padded, CancellationToken.None);
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient guest;
            try
            {
                guest = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // One guest connection at a time, as the software TPM behind it serves one.
            using (guest)
            {
                await PassOnAsync(guest.GetStream());
            }
        }
    }

    private async Task PassOnAsync(NetworkStream guest)
    {
        await using var upstream = await TpmStreamTransport.ConnectAsync(tpm.Endpoint, stopping.Token);
        var client = new TpmClient(upstream);
        try
        {
            while (true)
            {
                var command = await TpmStreamTransport.ReadFrameAsync(guest, TpmCommandCode.GetCapability, stopping.Token);
                var response = await upstream.ExecuteAsync(command, stopping.Token);
                if (Fresh && ReportRequest(command) is { } userData && BinaryPrimitives.ReadUInt32BigEndian(response.AsSpan(6)) == 0)
                {
                    await PublishAsync(client, userData);
                }

                await guest.WriteAsync(response, stopping.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or TpmException)
        {
            // The guest hung up (or the test is over).
        }
    }

    /// <summary>The user data of a TPM2_NV_Write of 64 bytes at offset 0 to the request index; null for any other command.</summary>
    private static byte[]? ReportRequest(byte[] command)
    {
        var span = command.AsSpan();
        if (span.Length < HeaderSize + 12 || BinaryPrimitives.ReadUInt32BigEndian(span[6..]) != (uint)TpmCommandCode.NvWrite ||
            BinaryPrimitives.ReadUInt32BigEndian(span[(HeaderSize + 4)..]) != AzureCvmEvidenceSource.RequestIndex)
        {
            return null;
        }

        var parameters = HeaderSize + 8 + 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(span[(HeaderSize + 8)..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(span[parameters..]);
        var offset = BinaryPrimitives.ReadUInt16BigEndian(span[(parameters + 2 + length)..]);
        return length == AzureCvmEvidenceSource.UserDataLength && offset == 0 ? span.Slice(parameters + 2, length).ToArray() : null;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await serving;
        stopping.Dispose();
    }
}
