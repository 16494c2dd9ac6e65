using Governance.Protocol.Contracts;

namespace Governance.Domain.Tests.Contracts;

internal static class ContractSamples
{
    public static ContractContent Content(params string[] parties) => new()
    {
        Title = "Joint model",
        Parties = parties,
        Datasets = [new DatasetSpec { Owner = parties[0], Name = "claims", Location = "https://store.example/claims.parquet", Format = "parquet", KeySecret = "claims-key" }],
        Secrets = [new SecretSpec { Owner = parties[^1], Name = "model-key" }],
        CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 2 },
        AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('a', 96)] },
    };
}
