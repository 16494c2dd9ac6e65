using Governance.IntegrationTests.Infrastructure;

namespace Governance.IntegrationTests.Service;

/// <summary>The service in confidential mode on a simulated SEV-SNP platform, with one genesis member.</summary>
public sealed class ConfidentialServiceFixture : GovernanceApiFactory
{
    public ConfidentialServiceFixture()
    {
        SnpPlatform.Configure(Settings);
        AddGenesisMember("alice");
        Auditor = AddGenesisMember("carol", "auditor");
    }

    /// <summary>A founder who may export the whole log.</summary>
    public TestMember Auditor { get; }

    public SimulatedServicePlatform SnpPlatform { get; } = new();

    public string MeasurementHex => SnpPlatform.MeasurementHex;

    public byte[] Measurement => SnpPlatform.Measurement;

    public string RootFile => SnpPlatform.RootFile;

    public override async ValueTask DisposeAsync()
    {
        await SnpPlatform.DisposeAsync();
        await base.DisposeAsync();
    }
}
