using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Governance.Attestation;
using Governance.Attestation.AzureCvm;
using Governance.Attestation.Maa;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Simulation;
using Governance.Attestation.Snp.Verify;
using Governance.Egress;
using Governance.Protocol.Contracts;

namespace Governance.Benchmarks.Fuzz;

/// <summary>
/// Mutation fuzzing of every parser hostile evidence reaches, from genuine inputs: the SEV-SNP report, the
/// certificate table, the Azure HCL report, the VEK's AMD extensions, the endorsement bundle and the MAA token; and the
/// egress check's ONNX reader, which the workload's outputs reach. Each
/// parser may refuse an input only with its documented exception; anything else is a finding, counted and written to
/// the output folder as the input that caused it.
/// <c>dotnet run -c Release --project tests/Governance.Benchmarks -- fuzz [--inputs 1000000] [--seed 1] [--target NAME] [--out DIR]</c>
/// </summary>
internal static class FuzzDriver
{
    public static async Task RunAsync(string[] args)
    {
        var inputs = DriverArguments.Int(args, "--inputs", 1_000_000);
        var seed = DriverArguments.Int(args, "--seed", 1);
        var only = DriverArguments.Value(args, "--target");
        var output = DriverArguments.Value(args, "--out") ?? Path.Combine(Path.GetTempPath(), "governance-fuzz");
        Directory.CreateDirectory(output);

        var targets = Targets().Where(t => only is null || t.Name == only).ToList();
        Console.WriteLine($"{inputs:N0} inputs per parser, seed {seed}; findings go to {output}");
        Console.WriteLine();
        Console.WriteLine("| parser | inputs | refused as documented | accepted | unhandled | seconds |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        var findings = 0L;
        foreach (var target in targets)
        {
            var mutator = new Mutator(seed);
            long refused = 0, accepted = 0, unhandled = 0;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < inputs; i++)
            {
                var input = mutator.Mutate(target.Seeds[mutator.Next(target.Seeds.Count)]);
                try
                {
                    await target.Parse(input);
                    accepted++;
                }
                catch (Exception e) when (target.Documented(e))
                {
                    refused++;
                }
                catch (Exception e)
                {
                    if (unhandled++ < 5)
                    {
                        var file = Path.Combine(output, $"{target.Name}-{i}.bin");
                        await File.WriteAllBytesAsync(file, input);
                        Console.Error.WriteLine($"{target.Name} input {i}: {e.GetType().Name}: {e.Message} (input in {file})");
                    }
                }
            }

            findings += unhandled;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {target.Name} | {inputs:N0} | {refused:N0} | {accepted:N0} | {unhandled:N0} | {clock.Elapsed.TotalSeconds:F1} |"));
        }

        Environment.ExitCode = findings == 0 ? 0 : 1;
    }

    private static IEnumerable<Target> Targets()
    {
        var vectors = Path.Combine(AppContext.BaseDirectory, "data", "snp");
        var reports = Directory.GetFiles(vectors, "report.bin", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        var hcls = Directory.GetFiles(vectors, "hcl_report.bin", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        var vceks = Directory.GetFiles(vectors, "vcek.pem", SearchOption.AllDirectories)
            .Select(path => X509Certificate2.CreateFromPem(File.ReadAllText(path))).ToList();
        using var platform = SimulatedSnpPlatform.Create(SnpProduct.Genoa);
        var tables = new List<byte[]> { platform.CertificateTable() };
        var bundles = new List<byte[]> { platform.CertificateTable(), Encoding.ASCII.GetBytes(platform.Vcek.Certificate.ExportCertificatePem() + platform.Ask.ExportCertificatePem()) };

        static bool Format(Exception e) => e is SnpFormatException;

        yield return new Target("report", reports, input => { AttestationReport.Parse(input); return Task.CompletedTask; }, Format);
        yield return new Target("certificate-table", tables, input => { CertificateTable.Parse(input); return Task.CompletedTask; }, Format);
        yield return new Target("hcl-report", hcls, input => { HclReport.Parse(input); return Task.CompletedTask; }, Format);
        yield return new Target("endorsement-bundle", bundles, input => { EndorsementBundle.Parse(input); return Task.CompletedTask; }, Format);

        // The AMD extensions of genuine VCEKs, one extension's value mutated at a time (a seed names which).
        var extensionSets = vceks.Select(c => c.Extensions.Select(e => (Oid: e.Oid?.Value ?? "", Value: e.RawData)).ToList()).ToList();
        var vekSeeds = extensionSets.SelectMany((set, s) => set.Select((_, e) => Encode(s, e, set[e].Value))).ToList();
        yield return new Target("vek-extensions", vekSeeds, input =>
        {
            if (input.Length < 2)
            {
                throw new SnpFormatException("too short to name an extension");
            }

            var set = extensionSets[input[0] % extensionSets.Count];
            var which = input[1] % set.Count;
            VekExtensions.Parse(set.Select((e, i) => i == which ? (e.Oid, input[2..]) : e));
            return Task.CompletedTask;
        }, Format);

        // The MAA token as it arrives: compact JWS text, validated against a provider this run trusts (no key
        // fetch is reached: the mutated tokens fail before, or their signatures fail against no keys).
        using var signer = RSA.Create(2048);
        var token = Jose.JWT.Encode(new Dictionary<string, object>
        {
            ["iss"] = "https://fuzz.attest.azure.net", ["x-ms-attestation-type"] = "sevsnpvm", ["exp"] = 4_000_000_000L, ["iat"] = 1_700_000_000L,
            ["x-ms-runtime"] = new Dictionary<string, object> { ["user-data"] = new string('0', 128) },
        }, signer, Jose.JwsAlgorithm.RS256);
        var validator = new MaaTokenValidator(new MaaOptions(), new MaaSigningKeys(new HttpClient(), new MaaOptions(), TimeProvider.System), TimeProvider.System);
        yield return new Target("maa-token", [Encoding.ASCII.GetBytes(token)],
            async input => await validator.ValidateAsync(Encoding.Latin1.GetString(input), CancellationToken.None),
            e => e is AttestationVerificationException);

        yield return OnnxEgress();
    }

    /// <summary>
    /// The egress check over mutated genuine ONNX models (tests/data/onnx): it answers every output with a verdict, so
    /// any exception at all is a finding.
    /// </summary>
    private static Target OnnxEgress()
    {
        var models = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "onnx"), "*.onnx").Select(File.ReadAllBytes).ToList();
        var policy = new EgressPolicy { AllowedFormats = [new AllowedOutputFormat { Format = "onnx", AllowedOperators = ["Relu", "PRelu", "Add", "If"], MaxBytes = 1 << 20 }] };
        return new Target("onnx-egress", models, input =>
        {
            using var stream = new MemoryStream(input, writable: false);
            EgressCheck.Check(policy, stream);
            return Task.CompletedTask;
        }, _ => false);
    }

    private static byte[] Encode(int set, int extension, byte[] value) => [(byte)set, (byte)extension, .. value];

    private sealed record Target(string Name, IReadOnlyList<byte[]> Seeds, Func<byte[], Task> Parse, Func<Exception, bool> Documented);
}
