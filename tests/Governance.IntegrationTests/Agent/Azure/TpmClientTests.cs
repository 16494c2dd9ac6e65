using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Governance.GuestEvidence.Tpm;

namespace Governance.IntegrationTests.Agent.Azure;

/// <summary>The agent's TPM 2.0 NV client against a software TPM, and against a TPM that answers with lies.</summary>
public sealed class TpmClientTests(SoftwareTpm tpm) : IClassFixture<SoftwareTpm>
{
    [Fact]
    public async Task An_index_larger_than_the_tpm_buffer_round_trips_in_chunks()
    {
        var (client, connection) = await tpm.ConnectAsync();
        await using (connection)
        {
            const uint index = 0x01500010;
            await client.DefineAsync(index, 2048, CancellationToken.None);
            var published = await client.ReadPublicAsync(index, CancellationToken.None);
            var data = RandomNumberGenerator.GetBytes(2048);

            await client.WriteAsync(published, data, CancellationToken.None);

            Assert.Equal(1024, await client.GetNvBufferMaxAsync(CancellationToken.None));
            Assert.Equal((ushort)2048, published.Size);
            Assert.Equal(published.Index, published.ReadAuthorization);
            Assert.Equal(data, await client.ReadAsync(await client.ReadPublicAsync(index, CancellationToken.None), CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_missing_index_and_an_unwritten_one_are_named_tpm_errors()
    {
        var (client, connection) = await tpm.ConnectAsync();
        await using (connection)
        {
            var missing = await Assert.ThrowsAsync<TpmException>(() => client.ReadPublicAsync(0x01500020, CancellationToken.None));
            Assert.True(missing.IsMissingHandle);
            Assert.Contains("TPM_RC_HANDLE", missing.Message, StringComparison.Ordinal);

            await client.DefineAsync(0x01500021, 64, CancellationToken.None);
            var unwritten = await Assert.ThrowsAsync<TpmException>(async () =>
                await client.ReadAsync(await client.ReadPublicAsync(0x01500021, CancellationToken.None), CancellationToken.None));
            Assert.Contains("TPM_RC_NV_UNINITIALIZED", unwritten.Message, StringComparison.Ordinal);

            var tooLong = await Assert.ThrowsAsync<TpmException>(async () =>
                await client.WriteAsync(await client.ReadPublicAsync(0x01500021, CancellationToken.None), new byte[65], CancellationToken.None));
            Assert.Contains("do not fit", tooLong.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("huge frame", "outside 10..8192")]
    [InlineData("size past the end", "bytes short of what it declares")]
    [InlineData("unknown tag", "malformed")]
    [InlineData("parameterSize past the end", "more than it holds")]
    public async Task A_response_whose_lengths_do_not_hold_is_refused_before_it_is_used(string lie, string message)
    {
        byte[] response = lie switch
        {
            "huge frame" => Frame(0x8001, 0x4000_0000, []),
            "size past the end" => Frame(0x8001, null, [0x00, 0xFF, 0xFF, 0x01, 0x02]),
            "unknown tag" => Frame(0x1234, null, []),
            _ => Frame(0x8002, null, [0x00, 0x00, 0x10, 0x00, 0x00, 0x01]),
        };
        await using var liar = new LyingTpm(response);
        await using var transport = await TpmStreamTransport.ConnectAsync(liar.Endpoint, CancellationToken.None);
        var client = new TpmClient(transport);

        var error = await Assert.ThrowsAsync<TpmException>(async () =>
            await client.ReadAsync(new TpmNvPublic(0x01400001, TpmNvAttributes.AuthRead, 64), CancellationToken.None));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A response frame: tag, the given size (default: the true one), response code 0, then the parameters.</summary>
    private static byte[] Frame(ushort tag, uint? size, byte[] parameters)
    {
        var frame = new byte[10 + parameters.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, tag);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(2), size ?? (uint)frame.Length);
        parameters.CopyTo(frame, 10);
        return frame;
    }

    /// <summary>A loopback port that answers every command with the same bytes (the first command is GetCapability: a valid NV buffer size).</summary>
    private sealed class LyingTpm : IAsyncDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly Task serving;

        public LyingTpm(byte[] lie)
        {
            listener.Start();
            serving = ServeAsync(lie);
        }

        public IPEndPoint Endpoint => (IPEndPoint)listener.LocalEndpoint;

        private async Task ServeAsync(byte[] lie)
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            try
            {
                _ = await TpmStreamTransport.ReadFrameAsync(stream, TpmCommandCode.GetCapability, CancellationToken.None);
                byte[] capability = [0, 0, 0, 0, 6, 0, 0, 0, 1, 0, 0, 0x01, 0x2C, 0, 0, 0x04, 0];
                await stream.WriteAsync(Frame(0x8001, null, capability));
                _ = await TpmStreamTransport.ReadFrameAsync(stream, TpmCommandCode.NvRead, CancellationToken.None);
                await stream.WriteAsync(lie);
                _ = await stream.ReadAsync(new byte[1]);
            }
            catch (IOException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            await serving;
        }
    }
}
