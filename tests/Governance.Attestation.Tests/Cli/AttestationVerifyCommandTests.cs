using System.CommandLine;
using System.Text.Json;
using Governance.Attestation.Tests.Support;
using Governance.Cli;

namespace Governance.Attestation.Tests.Cli;

public sealed class AttestationVerifyCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("governance-cli-").FullName;

    [Fact]
    public async Task Genuine_report_prints_every_field_and_exits_0()
    {
        var vector = Vector.Load("msteeav-aci-turin");
        var (exit, output) = await Run("attestation", "verify", "--report", Path.Combine(vector.Directory, "report.bin"), "--certs", vector.CertificatePath, "--at", "2026-03-01T00:00:00Z");

        Assert.Equal(0, exit);
        foreach (var field in new[] { "version", "guest_svn", "policy", "family_id", "image_id", "vmpl", "signature_algo", "current_tcb", "platform_info", "key_info", "report_data", "measurement", "host_data", "id_key_digest", "author_key_digest", "report_id", "report_id_ma", "reported_tcb", "cpuid_fam_mod_step", "chip_id", "committed_tcb", "current_version", "committed_version", "launch_tcb", "launch_mit_vector", "current_mit_vector" })
        {
            Assert.Contains($"\n{field} ", "\n" + output, StringComparison.Ordinal);
        }

        Assert.Contains(vector.Facts["measurement"], output, StringComparison.Ordinal);
        Assert.Contains("fmc=1 bl=1 tee=1 snp=4 ucode=81", output, StringComparison.Ordinal);
        Assert.Contains("verdict: valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_report_exits_1_with_the_reason()
    {
        var vector = Vector.Load("NEG-tampered-measurement-genoa");
        var (exit, output) = await Run("attestation", "verify", "--report", Path.Combine(vector.Directory, "report.bin"), "--certs", vector.CertificatePath, "--at", "2026-03-01", "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("invalid", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("report_signature_invalid", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal(vector.Facts["measurement"], json.RootElement.GetProperty("fields").GetProperty("measurement").GetString());
    }

    [Fact]
    public async Task Expired_VLEK_is_judged_as_of_at()
    {
        var vector = Vector.Load("trustee-vlek-milan");
        var args = new[] { "attestation", "verify", "--report", Path.Combine(vector.Directory, "report.bin"), "--certs", vector.Directory };
        Assert.Equal(0, (await Run([.. args, "--at", "2025-06-01"])).Exit);
        var (exit, output) = await Run([.. args, "--at", "2026-11-29"]);
        Assert.Equal(1, exit);
        Assert.Contains("certificate_not_time_valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_failures_are_all_listed_and_exit_1()
    {
        var vector = Vector.Load("gosevguest-milan-v2");
        var policy = Path.Combine(_scratch, "policy.json");
        await File.WriteAllTextAsync(policy, """{"measurements":["00"],"vmpl":1,"products":["genoa"],"minimumTcb":{"microcode":100}}""");
        var (exit, output) = await Run("attestation", "verify", "--report", Path.Combine(vector.Directory, "report.bin"), "--certs", vector.CertificatePath, "--policy", policy, "--at", "2026-01-01", "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["measurement", "minimum_tcb.microcode", "products", "debug", "vmpl"], json.RootElement.GetProperty("policyFailures").EnumerateArray().Select(f => f.GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task Azure_HCL_report_is_recognised_and_verified()
    {
        var vector = Vector.Load("azure-cvm-hcl-genoa");
        var (exit, output) = await Run("attestation", "verify", "--report", Path.Combine(vector.Directory, "hcl_report.bin"), "--certs", vector.CertificatePath, "--at", "2026-03-01");
        Assert.Equal(0, exit);
        Assert.Contains("hcl_user_data", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulated_platform_verifies_only_with_an_explicit_extra_root()
    {
        var platform = Platforms.Milan;
        var report = Path.Combine(_scratch, "sim-report.bin");
        var vcek = Path.Combine(_scratch, "sim-vcek.pem");
        var root = Path.Combine(_scratch, "sim-root.pem");
        await File.WriteAllBytesAsync(report, platform.SignReport(platform.NewReport()));
        await File.WriteAllBytesAsync(vcek, platform.Vcek.CertificatePem);
        await File.WriteAllTextAsync(root, platform.Ark.ExportCertificatePem() + "\n" + platform.Ask.ExportCertificatePem() + "\n" + platform.Asvk.ExportCertificatePem());

        Assert.Equal(1, (await Run("attestation", "verify", "--report", report, "--certs", vcek, "--at", "2026-01-01")).Exit);
        var (exit, output) = await Run("attestation", "verify", "--report", report, "--certs", vcek, "--at", "2026-01-01", "--extra-root", root);
        Assert.Equal(0, exit);
        Assert.Contains("explicitly trusted extra root", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_file_with_data_after_the_report_is_verified_on_its_first_1184_bytes()
    {
        var vector = Vector.Load("msteeav-aci-turin");
        var file = Path.Combine(_scratch, "report-and-request.bin");
        await File.WriteAllBytesAsync(file, [.. vector.Report, .. Enumerable.Repeat((byte)0x5A, 64)]);

        var (exit, output) = await Run("attestation", "verify", "--report", file, "--certs", vector.CertificatePath, "--at", "2026-03-01T00:00:00Z");

        Assert.Equal(0, exit);
        Assert.Contains("verdict: valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_exits_2()
    {
        var garbage = Path.Combine(_scratch, "garbage.bin");
        await File.WriteAllBytesAsync(garbage, new byte[100]);
        var badPolicy = Path.Combine(_scratch, "bad-policy.json");
        await File.WriteAllTextAsync(badPolicy, """{"unknownField":1}""");
        var vector = Vector.Load("virtee-milan");

        Assert.Equal(2, (await Run("attestation", "verify", "--report", garbage, "--certs", vector.CertificatePath)).Exit);
        Assert.Equal(2, (await Run("attestation", "verify", "--report", Path.Combine(_scratch, "missing.bin"))).Exit);
        Assert.Equal(2, (await Run("attestation", "verify")).Exit);
        Assert.Equal(2, (await Run("attestation", "verify", "--report", Path.Combine(vector.Directory, "report.bin"), "--policy", badPolicy)).Exit);
        Assert.Equal(2, (await Run("attestation", "verify", "--report", Path.Combine(vector.Directory, "report.bin"), "--at", "yesterday-ish")).Exit);
        Assert.Equal(2, (await Run("attestation", "verify", "--report", Path.Combine(vector.Directory, "report.bin"), "--no-such-option")).Exit);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        using var output = new StringWriter();
        var exit = await GovernanceCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }
}
