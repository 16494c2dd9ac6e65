using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Attestation.Tests.Support;

/// <summary>A genuine (or derived negative) evidence vector from tests/data/snp and its recorded facts.</summary>
public sealed class Vector
{
    private Vector(string name)
    {
        Name = name;
        Directory = Path.Combine(AppContext.BaseDirectory, "data", "snp", name);
        Report = File.ReadAllBytes(Path.Combine(Directory, "report.bin"));
        var certificateFile = File.Exists(Path.Combine(Directory, "vcek.pem")) ? "vcek.pem" : "vlek.pem";
        CertificatePath = Path.Combine(Directory, certificateFile);
        Certificate = File.ReadAllBytes(CertificatePath);
        Facts = File.ReadAllLines(Path.Combine(Directory, "facts.txt"))
            .Where(l => l.Contains(": ", StringComparison.Ordinal) && !l.StartsWith("CHECK", StringComparison.Ordinal))
            .Select(l => (Key: l[..l.IndexOf(": ", StringComparison.Ordinal)], Value: l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]))
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
    }

    public static IReadOnlyList<string> GenuineNames { get; } =
    [
        "gosevguest-milan-v2", "virtee-milan", "trustee-vcek", "trustee-vlek-milan", "azure-cvm-hcl-milan",
        "azure-cvm-hcl-genoa", "msteeav-aci-milan", "msteeav-aci-genoa", "msteeav-aci-turin", "csc-aci-milan",
    ];

    public static IReadOnlyList<string> NegativeNames { get; } =
        ["NEG-tampered-measurement-genoa", "NEG-tampered-reportdata-turin", "NEG-wrong-vcek-milan"];

    public static TheoryData<string> Genuine => [.. GenuineNames];

    public static TheoryData<string> Negative => [.. NegativeNames];

    public string Name { get; }

    public string Directory { get; }

    public byte[] Report { get; }

    public string CertificatePath { get; }

    public byte[] Certificate { get; }

    public IReadOnlyDictionary<string, string> Facts { get; }

    public string? Expect => File.Exists(Path.Combine(Directory, "EXPECT.txt")) ? File.ReadAllText(Path.Combine(Directory, "EXPECT.txt")) : null;

    /// <summary>A time inside the endorsement key's validity: one day after its notBefore.</summary>
    public DateTimeOffset ValidAt
    {
        get
        {
            var validity = Facts["cert_validity"];
            var notBefore = validity[..validity.IndexOf(" ..", StringComparison.Ordinal)];
            return DateTimeOffset.Parse(notBefore, CultureInfo.InvariantCulture).AddDays(1);
        }
    }

    public FakeTimeProvider Clock => new(ValidAt);

    public byte[] ReadFile(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static Vector Load(string name) => new(name);
}
