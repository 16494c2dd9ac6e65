using Governance.IntegrationTests.Infrastructure;

namespace Governance.IntegrationTests.Cli;

/// <summary>The real service with three genesis members whose private keys sit in PEM files, as `keys new` leaves them.</summary>
public sealed class CliServiceFixture : GovernanceApiFactory
{
    public CliServiceFixture()
    {
        KeyDirectory = Directory.CreateTempSubdirectory("governance-cli-keys-").FullName;
        Alice = AddGenesisMember("alice", "member");
        Bob = AddGenesisMember("bob", "member");
        Carol = AddGenesisMember("carol", "auditor");
        foreach (var member in new[] { Alice, Bob, Carol })
        {
            File.WriteAllText(KeyPath(member.Id), member.PrivateKey.ExportPkcs8PrivateKeyPem());
        }
    }

    public string KeyDirectory { get; }

    public TestMember Alice { get; }

    public TestMember Bob { get; }

    public TestMember Carol { get; }

    public string KeyPath(string member) => Path.Combine(KeyDirectory, member + ".pem");

    /// <summary>A CLI wired to this service (in-process handler), signing in with real key files.</summary>
    internal CliRunner Cli() => new(Server.CreateHandler);

    /// <summary>The options that make a command sign in as <paramref name="member"/>.</summary>
    public string[] As(string member) => ["--service", Server.BaseAddress.ToString(), "--member", member, "--key", KeyPath(member)];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(KeyDirectory, recursive: true);
    }
}
